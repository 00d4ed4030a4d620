using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventAgents.Reliability.Harness;

/// <summary>A caller with a bearer token: the bootstrap admin, or a partner client of one tenant with every scope.</summary>
public sealed class ApiSession(HttpClient http, string token, Guid tenantId)
{
    public static readonly string[] PartnerScopes =
        ["events:read", "events:write", "documents:read", "documents:write", "agents:read", "agents:write", "agents:run", "agents:approve", "webhooks:manage", "schemas:read", "schemas:write", "tenant:export"];

    public Guid TenantId { get; } = tenantId;

    public string Token { get; } = token;

    public HttpClient Http { get; } = http;

    public static async Task<ApiSession> AdminAsync(Deployment deployment, Uri baseUrl, CancellationToken cancellationToken)
    {
        var token = await TokenAsync(deployment.Http, baseUrl, deployment.AdminClientId, deployment.AdminClientSecret, cancellationToken);
        return new ApiSession(deployment.Http, token, Guid.Empty);
    }

    /// <summary>A new tenant and a partner client in it with <see cref="PartnerScopes"/>.</summary>
    public static async Task<ApiSession> NewTenantAsync(Deployment deployment, Uri baseUrl, string name, CancellationToken cancellationToken)
    {
        var admin = await AdminAsync(deployment, baseUrl, cancellationToken);
        var tenant = await admin.SendJsonAsync(baseUrl, HttpMethod.Post, "/api/v1/tenants", new { name }, cancellationToken);
        var tenantId = tenant.GetProperty("id").GetGuid();
        var client = await admin.SendJsonAsync(
            baseUrl, HttpMethod.Post, $"/api/v1/tenants/{tenantId}/clients", new { name = $"{name}-partner", scopes = PartnerScopes }, cancellationToken);
        var token = await TokenAsync(
            deployment.Http, baseUrl, client.GetProperty("clientId").GetString()!, client.GetProperty("clientSecret").GetString()!, cancellationToken);
        return new ApiSession(deployment.Http, token, tenantId);
    }

    public static async Task<string> TokenAsync(HttpClient http, Uri baseUrl, string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        });
        using var response = await http.PostAsync(new Uri(baseUrl, "/api/v1/auth/token"), content, cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return body.GetProperty("access_token").GetString()!;
    }

    public HttpRequestMessage Request(Uri baseUrl, HttpMethod method, string pathAndQuery, object? json = null)
    {
        var request = new HttpRequestMessage(method, new Uri(baseUrl, pathAndQuery));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (json is not null)
        {
            var text = json as string ?? (json is JsonNode node ? node.ToJsonString() : JsonSerializer.Serialize(json, JsonSerializerOptions.Web));
            request.Content = new StringContent(text, Encoding.UTF8, "application/json");
        }

        return request;
    }

    public Task<HttpResponseMessage> SendAsync(Uri baseUrl, HttpMethod method, string pathAndQuery, object? json = null, CancellationToken cancellationToken = default) =>
        Http.SendAsync(Request(baseUrl, method, pathAndQuery, json), cancellationToken);

    /// <summary>
    /// As a well-behaved partner does (README, "For partner developers"): a 503 is sent again after its Retry-After, a few
    /// times. Only for requests that are safe to repeat; the load suites never retry, they count.
    /// </summary>
    public async Task<HttpResponseMessage> SendRetryingAsync(
        Uri baseUrl, HttpMethod method, string pathAndQuery, object? json, CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = Request(baseUrl, method, pathAndQuery, json);
            configure?.Invoke(request);
            var response = await Http.SendAsync(request, cancellationToken);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == MaxAttempts)
            {
                return response;
            }

            Interlocked.Increment(ref _retried);
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, cancellationToken);
        }
    }

    private const int MaxAttempts = 5;
    private int _retried;

    /// <summary>How many 503s <see cref="SendRetryingAsync"/> waited out.</summary>
    public int Retried => Volatile.Read(ref _retried);

    /// <summary>Sends (retrying a 503) and returns the JSON body of a 2xx answer; anything else throws with the status and body.</summary>
    public async Task<JsonElement> SendJsonAsync(Uri baseUrl, HttpMethod method, string pathAndQuery, object? json, CancellationToken cancellationToken)
    {
        using var response = await SendRetryingAsync(baseUrl, method, pathAndQuery, json, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {pathAndQuery} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<JsonElement> GetJsonAsync(Uri baseUrl, string pathAndQuery, CancellationToken cancellationToken) =>
        SendJsonAsync(baseUrl, HttpMethod.Get, pathAndQuery, null, cancellationToken);
}
