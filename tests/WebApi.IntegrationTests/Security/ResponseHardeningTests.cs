using System.Net;
using System.Net.Http.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.Security;

/// <summary>Issue #15, item 8: tenant data is never cached, and Location never echoes a Host the operator did not allow.</summary>
public sealed class ResponseHardeningTests : ApiTest
{
    [Test]
    public async Task Responses_with_tenant_data_say_no_store_errors_included()
    {
        using var http = await Auth.PartnerClientAsync("documents:read", "documents:write");
        await http.PutOkAsync("orders", "o-1", new { total = 10 });

        var document = await http.GetAsync(DocumentsApi.Url("orders", "o-1"));
        var missing = await http.GetAsync(DocumentsApi.Url("orders", "nope"));
        var list = await http.GetAsync("/api/v1/collections/orders/documents");

        foreach (var response in new[] { document, missing, list })
        {
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True, response.RequestMessage!.RequestUri!.ToString());
        }

        Assert.That(document.Headers.ETag, Is.Not.Null, "conditional requests keep working");
    }

    [Test]
    public async Task With_allowed_hosts_set_another_host_is_refused_and_location_uses_the_allowed_one()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["AllowedHosts"] = "api.partner.test;localhost" });
        using var admin = await TestAuth.AdminClientAsync(factory);

        var foreign = await SendAsync(admin, "evil.test");
        var allowed = await SendAsync(admin, "api.partner.test");

        Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(allowed.Headers.Location?.Host, Is.EqualTo("api.partner.test"));
    }

    [Test]
    public async Task With_a_public_base_url_location_names_it_whatever_host_the_caller_sent()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Api:PublicBaseUrl"] = "https://api.partner.test/eventagents" });
        using var admin = await TestAuth.AdminClientAsync(factory);

        var created = await SendAsync(admin, "evil.test");

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(created.Headers.Location?.GetLeftPart(UriPartial.Authority), Is.EqualTo("https://api.partner.test"));
        Assert.That(created.Headers.Location?.AbsolutePath, Does.StartWith("/eventagents/api/v1/tenants/"));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient admin, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tenants") { Content = JsonContent.Create(new { name = "Acme " + host }) };
        request.Headers.Host = host;
        return await admin.SendAsync(request);
    }
}
