using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EventAgents.Application.Webhooks;

namespace EventAgents.Infrastructure.Webhooks;

/// <summary>
/// One Standard Webhooks message: <c>webhook-id</c> (stable across retries of one event), <c>webhook-timestamp</c> (unix
/// seconds of this attempt) and <c>webhook-signature</c> = <c>v1,</c> + base64(HMAC-SHA256(secret, id.timestamp.body)).
/// </summary>
internal sealed record WebhookMessage(string Id, string Body)
{
    public HttpRequestMessage ToRequest(Uri url, string secret, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(Body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", Id);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", Sign(secret, Id, timestamp, Body));
        request.Headers.UserAgent.ParseAdd("EventAgents-Webhooks/1.0");
        return request;
    }

    public static string Sign(string secret, string id, string timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecrets.KeyOf(secret), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
}
