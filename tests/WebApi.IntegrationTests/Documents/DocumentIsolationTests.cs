using System.Net;
using System.Net.Http.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.Documents;

public sealed class DocumentIsolationTests : ApiTest
{
    [Test]
    public async Task Another_tenant_cannot_see_change_or_detect_a_tenants_documents()
    {
        using var alice = await Auth.PartnerClientAsync("documents:read", "documents:write", "events:read");
        using var bob = await Auth.PartnerClientAsync("documents:read", "documents:write", "events:read");
        await alice.PutOkAsync("secrets", "s-1", new { pin = 1234 });
        var url = DocumentsApi.Url("secrets", "s-1");

        var get = await bob.GetAsync(url);
        var version = await bob.GetAsync(url + "?version=1");
        var history = await bob.GetAsync(url + "/history");
        var patch = await bob.PatchAsync("secrets", "s-1", """{"pin":0}""");
        var delete = await bob.DeleteAsync(url);
        var conditional = await bob.PutAsync("secrets", "s-1", new { pin = 0 }, ifMatch: "\"1\"");
        var post = await bob.PostAsJsonAsync("/api/v1/collections/secrets/documents", new { id = "s-1", data = new { mine = true } });
        var list = await (await bob.GetAsync("/api/v1/collections/secrets/documents")).ReadJsonAsync();
        var collections = await (await bob.GetAsync("/api/v1/collections")).ReadJsonAsync();

        foreach (var response in new[] { get, version, history, patch, delete })
        {
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        await conditional.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Created), "Bob's own document of the same id, not a conflict with Alice's");
        Assert.That((await post.ReadJsonAsync()).GetProperty("version").GetInt64(), Is.EqualTo(1));
        Assert.That(list.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("data").Compact()), Is.EqualTo(new[] { """{"mine":true}""" }));
        Assert.That(collections.GetProperty("items").GetArrayLength(), Is.EqualTo(1));

        var alices = await (await alice.GetAsync(url)).ReadJsonAsync();
        Assert.That(alices.GetProperty("data").Compact(), Is.EqualTo("""{"pin":1234}"""), "untouched");
        Assert.That((await bob.ReadAllAsync()).Select(e => e.GetProperty("type").GetString()), Is.EqualTo(new[] { "document.created" }));
    }

    [Test]
    public async Task The_cache_never_serves_another_tenants_document()
    {
        using var alice = await Auth.PartnerClientAsync("documents:read", "documents:write");
        using var bob = await Auth.PartnerClientAsync("documents:read", "documents:write");
        await alice.PutOkAsync("shared", "same-id", new { owner = "alice" });
        await bob.PutOkAsync("shared", "same-id", new { owner = "bob" });

        await alice.GetAsync(DocumentsApi.Url("shared", "same-id"));
        var bobs = await (await bob.GetAsync(DocumentsApi.Url("shared", "same-id"))).ReadJsonAsync();
        var alices = await (await alice.GetAsync(DocumentsApi.Url("shared", "same-id"))).ReadJsonAsync();

        Assert.That(bobs.GetProperty("data").GetProperty("owner").GetString(), Is.EqualTo("bob"));
        Assert.That(alices.GetProperty("data").GetProperty("owner").GetString(), Is.EqualTo("alice"));
    }
}
