using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Npgsql;

namespace EventAgents.WebApi.IntegrationTests.Clients;

/// <summary>
/// Rotating a client's secret without downtime: a new secret is added, the old one keeps working until the expiry the admin
/// picked, each can be revoked on its own (not the last valid one), and each secret's last use is shown.
/// </summary>
public sealed class ClientSecretRotationTests : ApiTest
{
    [Test]
    public async Task Old_and_new_secrets_both_work_until_the_chosen_expiry_then_only_the_new_one()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");
        var url = SecretsUrl(partner);

        var rotated = await Admin.PostAsJsonAsync(url, new { previousSecretsExpireAt = DateTimeOffset.UtcNow.AddSeconds(3) });
        var created = await rotated.ReadJsonAsync();
        var newSecret = created.GetProperty("clientSecret").GetString()!;

        Assert.That(rotated.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(rotated.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(newSecret, Is.Not.EqualTo(partner.ClientSecret));
        Assert.That(await TokenStatusAsync(partner.ClientId, partner.ClientSecret), Is.EqualTo(HttpStatusCode.OK), "the old one, during the overlap");
        Assert.That(await TokenStatusAsync(partner.ClientId, newSecret), Is.EqualTo(HttpStatusCode.OK));

        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.That(await TokenStatusAsync(partner.ClientId, partner.ClientSecret), Is.EqualTo(HttpStatusCode.Unauthorized), "expired: invalid_client");
        Assert.That(await TokenStatusAsync(partner.ClientId, newSecret), Is.EqualTo(HttpStatusCode.OK));
        var listed = (await (await Admin.GetAsync(url)).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.That(listed.Select(s => s.GetProperty("status").GetString()), Is.EqualTo(new[] { "active", "expired" }), "newest first");
        Assert.That(listed[0].GetProperty("id").GetGuid(), Is.EqualTo(created.GetProperty("id").GetGuid()));
        Assert.That(listed.Select(s => s.ToString()), Has.None.Contains(newSecret).And.None.Contains(partner.ClientSecret).And.None.Contains("hash"));
    }

    [Test]
    public async Task The_default_overlap_is_24_hours_and_the_expiry_must_lie_within_30_days()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");
        var url = SecretsUrl(partner);

        var before = DateTimeOffset.UtcNow;
        var rotated = await (await Admin.PostAsJsonAsync(url, new { })).ReadJsonAsync();
        var tooLate = await Admin.PostAsJsonAsync(url, new { previousSecretsExpireAt = DateTimeOffset.UtcNow.AddDays(31) });
        var past = await Admin.PostAsJsonAsync(url, new { previousSecretsExpireAt = DateTimeOffset.UtcNow.AddMinutes(-5) });

        var expiry = rotated.GetProperty("previousSecretsExpireAt").GetDateTimeOffset();
        Assert.That(expiry, Is.InRange(before.AddHours(24), DateTimeOffset.UtcNow.AddHours(24)));
        var old = (await (await Admin.GetAsync(url)).ReadJsonAsync()).GetProperty("items").EnumerateArray().Last();
        Assert.That(old.GetProperty("expiresAt").GetDateTimeOffset(), Is.EqualTo(expiry));
        await tooLate.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        await past.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task A_secret_is_revoked_on_its_own_but_never_the_last_valid_one_and_at_most_three_are_valid()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");
        var url = SecretsUrl(partner);
        var second = await (await Admin.PostAsJsonAsync(url, new { })).ReadJsonAsync();
        var third = await (await Admin.PostAsJsonAsync(url, new { })).ReadJsonAsync();
        var fourth = await Admin.PostAsJsonAsync(url, new { });
        var firstId = (await (await Admin.GetAsync(url)).ReadJsonAsync()).GetProperty("items").EnumerateArray().Last().GetProperty("id").GetGuid();

        await fourth.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That((await Admin.DeleteAsync($"{url}/{firstId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await Admin.DeleteAsync($"{url}/{firstId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "idempotent");
        Assert.That((await Admin.DeleteAsync($"{url}/{second.GetProperty("id").GetGuid()}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var last = await Admin.DeleteAsync($"{url}/{third.GetProperty("id").GetGuid()}");
        var unknown = await Admin.DeleteAsync($"{url}/{Guid.NewGuid()}");

        var problem = await last.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo("https://eventagents.dev/problems/last-valid-secret"));
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(await TokenStatusAsync(partner.ClientId, partner.ClientSecret), Is.EqualTo(HttpStatusCode.Unauthorized), "revoked at once");
        Assert.That(await TokenStatusAsync(partner.ClientId, second.GetProperty("clientSecret").GetString()!), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await TokenStatusAsync(partner.ClientId, third.GetProperty("clientSecret").GetString()!), Is.EqualTo(HttpStatusCode.OK));
        var statuses = (await (await Admin.GetAsync(url)).ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("status").GetString());
        Assert.That(statuses, Is.EqualTo(new[] { "active", "revoked", "revoked" }));
    }

    [Test]
    public async Task Each_secrets_last_use_is_shown_and_only_hashes_are_stored()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");
        var url = SecretsUrl(partner);
        Assert.That(await TokenStatusAsync(partner.ClientId, partner.ClientSecret), Is.EqualTo(HttpStatusCode.OK));
        var rotated = await (await Admin.PostAsJsonAsync(url, new { })).ReadJsonAsync();
        var newSecret = rotated.GetProperty("clientSecret").GetString()!;
        await Task.Delay(100);

        var before = DateTimeOffset.UtcNow;
        Assert.That(await TokenStatusAsync(partner.ClientId, newSecret), Is.EqualTo(HttpStatusCode.OK));
        var items = (await (await Admin.GetAsync(url)).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();

        Assert.That(items[0].GetProperty("lastUsedAt").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(before.AddMilliseconds(-50)), "the new one was just used");
        Assert.That(items[1].GetProperty("lastUsedAt").GetDateTimeOffset(), Is.LessThan(before), "the old one got a token before the rotation");
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT hash FROM api_client_secrets WHERE client_id = $1", connection);
        command.Parameters.AddWithValue(partner.ClientId);
        var hashes = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                hashes.Add(reader.GetString(0));
            }
        }

        Assert.That(hashes, Has.Count.EqualTo(2).And.None.Contains(newSecret).And.None.Contains(partner.ClientSecret));
    }

    [Test]
    public async Task Secrets_are_the_admins_and_another_tenants_client_is_404()
    {
        var partner = await Auth.CreatePartnerAsync("events:read");
        var other = await Auth.CreatePartnerAsync("events:read");
        using var self = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        var wrongTenant = $"/api/v1/tenants/{other.TenantId}/clients/{partner.ClientId}/secrets";

        await (await self.PostAsJsonAsync(SecretsUrl(partner), new { })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await self.GetAsync(SecretsUrl(partner))).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await Admin.PostAsJsonAsync(wrongTenant, new { })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.GetAsync(wrongTenant)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Admin.DeleteAsync($"{wrongTenant}/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await (await Admin.GetAsync(SecretsUrl(partner))).ReadJsonAsync()).GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    private static string SecretsUrl(PartnerClient partner) => $"/api/v1/tenants/{partner.TenantId}/clients/{partner.ClientId}/secrets";

    private async Task<HttpStatusCode> TokenStatusAsync(string clientId, string secret)
    {
        using var anonymous = TestEnvironment.Api.CreateClient();
        var response = await anonymous.PostAsync("/api/v1/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.That(error.GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
        }

        return response.StatusCode;
    }
}
