using System.Net;
using System.Net.Http.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.Documents;

public sealed class DocumentWritesTests : ApiTest
{
    private HttpClient _http = null!;

    [SetUp]
    public async Task CreateClient() => _http = await Auth.PartnerClientAsync("documents:read", "documents:write", "events:read");

    [TearDown]
    public void DisposeClient() => _http.Dispose();

    [Test]
    public async Task Creating_returns_201_with_location_etag_and_the_document()
    {
        var response = await _http.PostAsJsonAsync("/api/v1/collections/orders/documents", new { id = "o-1", data = new { total = 10 } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
        Assert.That(response.Headers.Location?.ToString(), Does.EndWith("/api/v1/collections/orders/documents/o-1"));
        var body = await response.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("id").GetString(), Is.EqualTo("o-1"));
            Assert.That(body.GetProperty("collection").GetString(), Is.EqualTo("orders"));
            Assert.That(body.GetProperty("version").GetInt64(), Is.EqualTo(1));
            Assert.That(body.GetProperty("data").GetProperty("total").GetInt32(), Is.EqualTo(10));
            Assert.That(body.GetProperty("updatedAt").GetDateTimeOffset(), Is.EqualTo(body.GetProperty("createdAt").GetDateTimeOffset()));
        });

        var again = await _http.PostAsJsonAsync("/api/v1/collections/orders/documents", new { id = "o-1", data = new { total = 11 } });
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Creating_without_an_id_makes_a_uuid_v7()
    {
        var response = await _http.PostAsJsonAsync("/api/v1/collections/orders/documents", new { data = new { a = 1 } });

        var id = (await response.ReadJsonAsync()).GetProperty("id").GetString();
        Assert.That(Guid.Parse(id!).Version, Is.EqualTo(7));
    }

    [Test]
    public async Task Put_creates_with_201_then_replaces_with_200()
    {
        var created = await _http.PutAsync("orders", "p-1", new { a = 1, b = 2 });
        var replaced = await _http.PutAsync("orders", "p-1", new { a = 5 });

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(replaced.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
        var body = await replaced.ReadJsonAsync();
        Assert.That(body.GetProperty("data").Compact(), Is.EqualTo("""{"a":5}"""));
    }

    [Test]
    public async Task If_match_and_if_none_match_guard_writes_with_412()
    {
        await _http.PutOkAsync("orders", "g-1", new { v = 1 });
        await _http.PutOkAsync("orders", "g-1", new { v = 2 });

        var stale = await _http.PutAsync("orders", "g-1", new { v = 3 }, ifMatch: "\"1\"");
        var current = await _http.PutAsync("orders", "g-1", new { v = 3 }, ifMatch: "\"2\"");
        var createOnly = await _http.PutAsync("orders", "g-1", new { v = 4 }, ifNoneMatch: "*");
        var createNew = await _http.PutAsync("orders", "g-new", new { v = 1 }, ifNoneMatch: "*");

        var problem = await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That(problem.GetProperty("currentVersion").GetInt64(), Is.EqualTo(2));
        Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await createOnly.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That(createNew.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var now = await (await _http.GetAsync(DocumentsApi.Url("orders", "g-1"))).ReadJsonAsync();
        Assert.That(now.GetProperty("data").GetProperty("v").GetInt32(), Is.EqualTo(3), "the refused writes changed nothing");
    }

    [Test]
    public async Task A_refused_write_leaves_neither_an_event_nor_a_row_change()
    {
        await _http.PutOkAsync("orders", "f-1", new { v = 1 });
        var eventsBefore = await TestDatabase.CountAsync("es_events");

        await _http.PutAsync("orders", "f-1", new { v = 99 }, ifMatch: "\"7\"");
        await _http.PatchAsync("orders", "f-1", """{"v":98}""", ifMatch: "\"7\"");
        await _http.PostAsJsonAsync("/api/v1/collections/orders/documents", new { id = "f-1", data = new { v = 97 } });

        Assert.That(await TestDatabase.CountAsync("es_events"), Is.EqualTo(eventsBefore));
        var doc = await (await _http.GetAsync(DocumentsApi.Url("orders", "f-1"))).ReadJsonAsync();
        Assert.That((doc.GetProperty("version").GetInt64(), doc.GetProperty("data").GetProperty("v").GetInt32()), Is.EqualTo((1L, 1)));
    }

    [Test]
    public async Task Merge_patch_merges_nested_objects_removes_nulls_and_replaces_arrays()
    {
        await _http.PutOkAsync("orders", "m-1", new { name = "x", address = new { city = "Oslo", zip = "0150" }, tags = new[] { "a", "b" }, gone = true });

        var response = await _http.PatchAsync("orders", "m-1", """{"address":{"zip":"0151","street":"Main"},"tags":["c"],"gone":null,"added":1}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
        var data = (await response.ReadJsonAsync()).GetProperty("data");
        Assert.Multiple(() =>
        {
            Assert.That(data.GetProperty("name").GetString(), Is.EqualTo("x"));
            Assert.That(data.GetProperty("address").GetProperty("city").GetString(), Is.EqualTo("Oslo"));
            Assert.That(data.GetProperty("address").GetProperty("zip").GetString(), Is.EqualTo("0151"));
            Assert.That(data.GetProperty("address").GetProperty("street").GetString(), Is.EqualTo("Main"));
            Assert.That(data.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "c" }));
            Assert.That(data.TryGetProperty("gone", out _), Is.False);
            Assert.That(data.GetProperty("added").GetInt32(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Patch_needs_merge_patch_json_an_existing_document_and_a_matching_if_match()
    {
        await _http.PutOkAsync("orders", "pp-1", new { a = 1 });

        await (await _http.PatchAsync("orders", "pp-1", """{"a":2}""", contentType: "application/json")).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await (await _http.PatchAsync("orders", "missing", """{"a":2}""")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _http.PatchAsync("orders", "pp-1", """{"a":2}""", ifMatch: "\"5\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await _http.PatchAsync("orders", "pp-1", """[1,2]""")).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That((await _http.PatchAsync("orders", "pp-1", """{"a":2}""", ifMatch: "\"1\"")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Delete_then_404_then_history_then_recreate_with_the_next_version()
    {
        await _http.PutOkAsync("orders", "d-1", new { v = 1 });
        await _http.PutOkAsync("orders", "d-1", new { v = 2 });

        var deleted = await _http.DeleteAsync(DocumentsApi.Url("orders", "d-1"));
        var afterDelete = await _http.GetAsync(DocumentsApi.Url("orders", "d-1"));
        var history = await (await _http.GetAsync(DocumentsApi.Url("orders", "d-1") + "/history")).ReadJsonAsync();
        var recreated = await _http.PutAsync("orders", "d-1", new { v = 3 });

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await afterDelete.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()),
            Is.EqualTo(new[] { "document.created", "document.replaced", "document.deleted" }));
        Assert.That(recreated.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await recreated.ReadJsonAsync()).GetProperty("version").GetInt64(), Is.EqualTo(4));
        await (await _http.DeleteAsync(DocumentsApi.Url("orders", "never"))).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Delete_honours_if_match()
    {
        await _http.PutOkAsync("orders", "dm-1", new { v = 1 });
        using var stale = new HttpRequestMessage(HttpMethod.Delete, DocumentsApi.Url("orders", "dm-1"));
        stale.Headers.TryAddWithoutValidation("If-Match", "\"9\"");
        using var current = new HttpRequestMessage(HttpMethod.Delete, DocumentsApi.Url("orders", "dm-1"));
        current.Headers.TryAddWithoutValidation("If-Match", "\"1\"");

        await (await _http.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.That((await _http.SendAsync(current)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task Concurrent_puts_with_the_same_if_match_let_exactly_one_through()
    {
        await _http.PutOkAsync("orders", "race", new { v = 0 });

        var responses = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => _http.PutAsync("orders", "race", new { v = i }, ifMatch: "\"1\"")));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed), Is.EqualTo(11));
        var history = await (await _http.GetAsync(DocumentsApi.Url("orders", "race") + "/history")).ReadJsonAsync();
        Assert.That(history.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task Concurrent_unconditional_puts_all_succeed_with_gapless_versions()
    {
        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => _http.PutAsync("orders", "busy", new { v = i })));

        Assert.That(responses.Select(r => r.StatusCode), Has.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Created));
        var versions = new List<long>();
        foreach (var response in responses)
        {
            versions.Add((await response.ReadJsonAsync()).GetProperty("version").GetInt64());
        }

        Assert.That(versions.Order(), Is.EqualTo(Enumerable.Range(1, 8).Select(v => (long)v)));
    }

    [TestCase("Bad-Collection", "x", "collection")]
    [TestCase("orders", "bad%20id", "id")]
    public async Task Bad_names_are_400(string collection, string id, string field)
    {
        var response = await _http.PutAsync(collection, id, new { a = 1 });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Data_must_be_an_object()
    {
        var response = await _http.PutAsync("orders", "x", new[] { 1, 2 });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("data", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Document_changes_are_events_in_the_global_log()
    {
        await _http.PutOkAsync("orders", "ev-1", new { v = 1 });
        await _http.PatchAsync("orders", "ev-1", """{"v":2}""");
        await _http.DeleteAsync(DocumentsApi.Url("orders", "ev-1"));

        var log = await _http.ReadAllAsync();

        Assert.That(log.Select(e => (e.GetProperty("streamId").GetString(), e.GetProperty("type").GetString())), Is.EqualTo(new[]
        {
            ("doc:orders:ev-1", "document.created"), ("doc:orders:ev-1", "document.patched"), ("doc:orders:ev-1", "document.deleted"),
        }));
        var patched = log[1].GetProperty("data");
        Assert.That(patched.GetProperty("patch").GetProperty("v").GetInt32(), Is.EqualTo(2));
        Assert.That(patched.GetProperty("data").GetProperty("v").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task Writing_needs_the_documents_write_scope()
    {
        using var reader = await Auth.PartnerClientAsync("documents:read");

        await (await reader.PutAsync("orders", "x", new { a = 1 })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
