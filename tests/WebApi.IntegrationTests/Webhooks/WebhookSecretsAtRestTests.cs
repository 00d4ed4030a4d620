using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace EventAgents.WebApi.IntegrationTests.Webhooks;

/// <summary>
/// Issue #15, item 8: webhook signing secrets are stored encrypted (Data Protection, keys in PostgreSQL encrypted with the
/// operator's certificate), deliveries still sign with the secret the partner was given, and plaintext secrets stored
/// before are encrypted at start-up.
/// </summary>
[NonParallelizable]
public sealed class WebhookSecretsAtRestTests : ApiTest
{
    [Test]
    public async Task A_webhook_secret_is_stored_encrypted_and_deliveries_still_sign_with_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["DataProtection:Certificate"] = CertificateBase64() });
        using var http = await new TestAuth(factory).PartnerClientAsync("webhooks:manage");

        var (id, secret) = await SubscribeAsync(http, receiver);
        var stored = await StoredSecretAsync(id);
        var ping = await http.PostAsync($"/api/v1/webhooks/{id}/ping", null);
        // Keys outlive tests (the shared host made the current one, without a certificate): have this host write one.
        var keyId = factory.Services.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow.AddYears(1), DateTimeOffset.UtcNow.AddYears(2)).KeyId;
        var keys = await KeyXmlAsync(keyId);

        Assert.That(stored, Does.StartWith("dp1:").And.Not.Contain(secret).And.Not.Contain(secret["whsec_".Length..]));
        Assert.That(ping.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(WebhookReceiver.Verifies((await receiver.WaitForAsync(1))[0], secret), Is.True);
        Assert.That(keys, Has.Count.EqualTo(1));
        Assert.That(keys, Has.All.Contain("encryptedSecret").And.All.Not.Contain("unencrypted form"), "the key ring is encrypted with the certificate");
    }

    [Test]
    public async Task A_secret_stored_in_plaintext_before_is_encrypted_at_start_up_and_keeps_signing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var http = await Auth.PartnerClientAsync("webhooks:manage");
        var (id, _) = await SubscribeAsync(http, receiver);
        var legacy = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Assert.That(await TestDatabase.ExecuteAsync("UPDATE webhook_subscriptions SET secret = @secret WHERE id = @id", ("id", id), ("secret", legacy)), Is.EqualTo(1));

        await using var restarted = new ApiFactory();
        using var client = restarted.CreateClient();
        client.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
        var ping = await client.PostAsync($"/api/v1/webhooks/{id}/ping", null);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(await StoredSecretAsync(id)).StartsWith("dp1:", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.That(ping.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await StoredSecretAsync(id), Does.StartWith("dp1:"), "encrypted soon after start-up");
        Assert.That(WebhookReceiver.Verifies((await receiver.WaitForAsync(1))[0], legacy), Is.True);
    }

    private static async Task<(Guid Id, string Secret)> SubscribeAsync(HttpClient http, WebhookReceiver receiver)
    {
        var response = await http.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url.ToString(), eventTypes = new[] { "order.placed" } });
        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        return (body.GetProperty("webhook").GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    private static string CertificateBase64()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=eventagents-dataprotection-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pfx));
    }

    private static async Task<string> StoredSecretAsync(Guid id) =>
        (await TestDatabase.ColumnAsync<string>("SELECT secret FROM webhook_subscriptions WHERE id = @id", ("id", id))).Single();

    /// <summary>The stored XML of one key, which is then removed so no other host meets a key it cannot decrypt.</summary>
    private static Task<List<string>> KeyXmlAsync(Guid keyId) =>
        TestDatabase.ColumnAsync<string>("DELETE FROM data_protection_keys WHERE xml LIKE @id RETURNING xml", ("id", $"%{keyId}%"));
}
