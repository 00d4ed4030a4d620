using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventAgents.Application.Documents;
using EventAgents.Infrastructure.Documents;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Npgsql;

namespace EventAgents.WebApi.IntegrationTests.Documents;

public sealed class DocumentReadsTests : ApiTest
{
    private HttpClient _http = null!;

    [SetUp]
    public async Task CreateClient() => _http = await Auth.PartnerClientAsync("documents:read", "documents:write");

    [TearDown]
    public void DisposeClient() => _http.Dispose();

    [Test]
    public async Task A_conditional_get_with_the_current_etag_is_304()
    {
        await _http.PutOkAsync("orders", "c-1", new { v = 1 });
        await _http.PutOkAsync("orders", "c-1", new { v = 2 });

        var current = await Get("orders", "c-1", ifNoneMatch: "\"2\"");
        var stale = await Get("orders", "c-1", ifNoneMatch: "\"1\"");

        Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(current.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stale.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
    }

    [Test]
    public async Task Time_travel_rebuilds_each_version_from_the_events()
    {
        await _http.PutOkAsync("orders", "t-1", new { step = 1, keep = true });
        await _http.PatchAsync("orders", "t-1", """{"step":2,"keep":null}""");
        await _http.PutOkAsync("orders", "t-1", new { step = 3 });
        await _http.DeleteAsync(DocumentsApi.Url("orders", "t-1"));

        var v1 = await (await Get("orders", "t-1", version: 1)).ReadJsonAsync();
        var v2 = await (await Get("orders", "t-1", version: 2)).ReadJsonAsync();
        var v3 = await (await Get("orders", "t-1", version: 3)).ReadJsonAsync();

        Assert.That(v1.GetProperty("data").Compact(), Is.EqualTo("""{"keep":true,"step":1}"""));
        Assert.That(v2.GetProperty("data").Compact(), Is.EqualTo("""{"step":2}"""));
        Assert.That(v3.GetProperty("data").Compact(), Is.EqualTo("""{"step":3}"""));
        Assert.That((v1.GetProperty("version").GetInt64(), v3.GetProperty("version").GetInt64()), Is.EqualTo((1L, 3L)));
        Assert.That(v3.GetProperty("createdAt").GetDateTimeOffset(), Is.EqualTo(v1.GetProperty("createdAt").GetDateTimeOffset()));
        await (await Get("orders", "t-1", version: 4)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Get("orders", "t-1", version: 5)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Get("orders", "t-1", version: 0)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task History_pages_oldest_first()
    {
        for (var i = 1; i <= 5; i++)
        {
            await _http.PutOkAsync("orders", "h-1", new { i });
        }

        var first = await (await _http.GetAsync(DocumentsApi.Url("orders", "h-1") + "/history?limit=3")).ReadJsonAsync();
        var second = await (await _http.GetAsync(DocumentsApi.Url("orders", "h-1") + $"/history?limit=3&cursor={first.GetProperty("nextCursor").GetString()}")).ReadJsonAsync();

        Assert.That(first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(e => e.GetProperty("version").GetInt64()),
            Is.EqualTo(new[] { 1L, 2, 3, 4, 5 }));
        Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        await (await _http.GetAsync(DocumentsApi.Url("orders", "nobody") + "/history")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Where_filters_match_top_level_fields_with_json_typed_values()
    {
        await _http.PutOkAsync("items", "a", new { status = "active", qty = 5, code = "5" });
        await _http.PutOkAsync("items", "b", new { status = "active", qty = 7, code = "7" });
        await _http.PutOkAsync("items", "c", new { status = "archived", qty = 5, code = "5" });

        Assert.That(await Ids("/api/v1/collections/items/documents?where[status]=active"), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(await Ids("/api/v1/collections/items/documents?where[qty]=5"), Is.EqualTo(new[] { "a", "c" }));
        Assert.That(await Ids("/api/v1/collections/items/documents?where[status]=active&where[qty]=5"), Is.EqualTo(new[] { "a" }));
        Assert.That(await Ids("/api/v1/collections/items/documents?where[code]=%225%22"), Is.EqualTo(new[] { "a", "c" }));
        Assert.That(await Ids("/api/v1/collections/items/documents?where[code]=5"), Is.Empty, "5 is a number, code holds strings");
    }

    [Test]
    public async Task Documents_can_be_ordered_by_id_or_update_time_in_either_direction()
    {
        await _http.PutOkAsync("items", "b", new { n = 1 });
        await _http.PutOkAsync("items", "a", new { n = 2 });
        await _http.PutOkAsync("items", "c", new { n = 3 });
        await _http.PutOkAsync("items", "b", new { n = 4 });

        Assert.That(await Ids("/api/v1/collections/items/documents?orderBy=id&order=desc"), Is.EqualTo(new[] { "c", "b", "a" }));
        Assert.That(await Ids("/api/v1/collections/items/documents?orderBy=updatedAt"), Is.EqualTo(new[] { "a", "c", "b" }));
        Assert.That(await Ids("/api/v1/collections/items/documents"), Is.EqualTo(new[] { "b", "a", "c" }), "createdAt by default");
    }

    [Test]
    public async Task Cursor_paging_returns_every_document_exactly_once_while_inserts_happen()
    {
        var original = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var id = $"doc-{i:D2}";
            original.Add(id);
            await _http.PutOkAsync("paged", id, new { i });
        }

        var seen = new List<string>();
        string? cursor = null;
        var inserted = 0;
        do
        {
            var url = "/api/v1/collections/paged/documents?limit=7" + (cursor is null ? "" : $"&cursor={cursor}");
            var page = await (await _http.GetAsync(url)).ReadJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            await _http.PutOkAsync("paged", $"new-{inserted++}", new { late = true });
        }
        while (cursor is not null);

        Assert.That(seen, Is.Unique);
        Assert.That(original, Is.SubsetOf(seen));
    }

    [Test]
    public async Task Bad_list_parameters_and_foreign_cursors_are_400()
    {
        await (await _http.GetAsync("/api/v1/collections/items/documents?limit=201")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _http.GetAsync("/api/v1/collections/items/documents?orderBy=size")).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await _http.GetAsync("/api/v1/collections/items/documents?order=up")).AssertProblemAsync(HttpStatusCode.BadRequest);

        for (var i = 0; i < 3; i++)
        {
            await _http.PutOkAsync("items", $"x{i}", new { i });
        }

        var page = await (await _http.GetAsync("/api/v1/collections/items/documents?limit=1")).ReadJsonAsync();
        var cursor = page.GetProperty("nextCursor").GetString();
        await (await _http.GetAsync($"/api/v1/collections/items/documents?limit=1&orderBy=id&cursor={cursor}")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Collections_are_listed_with_their_document_counts()
    {
        await _http.PutOkAsync("alpha", "1", new { });
        await _http.PutOkAsync("alpha", "2", new { });
        await _http.PutOkAsync("beta", "1", new { });
        await _http.DeleteAsync(DocumentsApi.Url("alpha", "2"));

        var collections = await (await _http.GetAsync("/api/v1/collections")).ReadJsonAsync();

        Assert.That(collections.GetProperty("items").EnumerateArray().Select(c => (c.GetProperty("collection").GetString(), c.GetProperty("count").GetInt64())),
            Is.EqualTo(new[] { ("alpha", 1L), ("beta", 1L) }));
    }

    [Test]
    public async Task A_read_after_a_write_returns_the_new_version_even_when_cached()
    {
        await _http.PutOkAsync("orders", "cache-1", new { v = 1 });
        var warm = await (await Get("orders", "cache-1")).ReadJsonAsync();
        await (await Get("orders", "cache-1")).ReadJsonAsync();

        await _http.PutOkAsync("orders", "cache-1", new { v = 2 });
        var afterPut = await (await Get("orders", "cache-1")).ReadJsonAsync();
        await _http.DeleteAsync(DocumentsApi.Url("orders", "cache-1"));
        var afterDelete = await Get("orders", "cache-1");

        Assert.That(warm.GetProperty("version").GetInt64(), Is.EqualTo(1));
        Assert.That(afterPut.GetProperty("version").GetInt64(), Is.EqualTo(2));
        Assert.That(afterPut.GetProperty("data").GetProperty("v").GetInt32(), Is.EqualTo(2));
        await afterDelete.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_where_filter_is_served_by_the_gin_index()
    {
        // A collection large enough for the planner to care: 5,000 rows of one tenant, 1 % of them matching.
        var tenant = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(ApiFactory.ConnectionString);
        await connection.OpenAsync();
        foreach (var seedSql in new[]
        {
            "INSERT INTO tenants (id, name, created_at) VALUES ($1, 'plan', now())",
            "INSERT INTO documents (tenant_id, collection, id, version, data, created_at, updated_at) " +
            "SELECT $1, 'items', 'd' || g, 1, jsonb_build_object('status', CASE WHEN g % 100 = 0 THEN 'active' ELSE 'idle' END, 'n', g), now(), now() " +
            "FROM generate_series(1, 5000) g",
        })
        {
            await using var seed = new NpgsqlCommand(seedSql, connection);
            seed.Parameters.AddWithValue(tenant);
            await seed.ExecuteNonQueryAsync();
        }

        // On a table this small a sequential scan can be cheapest; switching it off shows which index serves the filter.
        await using (var analyze = new NpgsqlCommand("ANALYZE documents; SET enable_seqscan = off", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        // Exactly the statement the store runs for the first page of a filtered query in creation order.
        var sql = PostgresDocumentStore.QuerySqlFor(DocumentOrder.CreatedAt, descending: false, first: true, filtered: true);
        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
        explain.Parameters.AddWithValue(tenant);
        explain.Parameters.AddWithValue("items");
        explain.Parameters.Add(new NpgsqlParameter { Value = """{"status":"active"}""", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
        explain.Parameters.AddWithValue(50);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.That(string.Join('\n', plan), Does.Contain("ix_documents_data"));
    }

    private async Task<HttpResponseMessage> Get(string collection, string id, string? ifNoneMatch = null, long? version = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, DocumentsApi.Url(collection, id) + (version is null ? "" : $"?version={version}"));
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await _http.SendAsync(request);
    }

    private async Task<List<string>> Ids(string url)
    {
        var page = await (await _http.GetAsync(url)).ReadJsonAsync();
        return page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToList();
    }
}
