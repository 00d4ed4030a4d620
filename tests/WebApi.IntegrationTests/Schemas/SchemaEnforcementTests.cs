using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.SchemasApi;

namespace EventAgents.WebApi.IntegrationTests.Schemas;

/// <summary>Writes in subjects with a schema: enforce refuses (422, nothing stored), warn stores with a header, off checks nothing.</summary>
public sealed class SchemaEnforcementTests : ApiTest
{
    private const string OrderSubject = "events/order.placed";

    private const string OrdersSchema =
        """{ "type": "object", "properties": { "customer": { "type": "string" }, "status": { "enum": ["open", "paid"] }, "total": { "type": "number" } }, "required": ["customer", "status"] }""";

    private static readonly string[] AllScopes = ["schemas:read", "schemas:write", "events:read", "events:write", "documents:read", "documents:write"];

    [Test]
    public async Task An_enforced_batch_with_one_bad_event_is_refused_whole_with_every_violation()
    {
        using var client = await Auth.PartnerClientAsync(AllScopes);
        await client.RegisterOkAsync(OrderSubject, OrderPlacedV1);

        var response = await client.AppendAsync("order-1", new
        {
            events = new object[]
            {
                Event("order.placed", new { orderId = "1", total = 10 }),
                Event("note.added", new { text = "unchecked type" }),
                Event("order.placed", new { orderId = 2, total = -1 }),
                Event("order.placed", new { total = 5 }),
            },
        });

        var violations = await response.AssertSchemaViolationAsync();
        Assert.That(violations.Select(v => v.Path), Is.SupersetOf(new[] { "/events/2/data/orderId", "/events/2/data/total", "/events/3/data" }));
        Assert.That(violations.Select(v => v.Path), Has.None.StartsWith("/events/0").And.None.StartsWith("/events/1"));
        Assert.That(violations, Has.All.Matches<(string, string Subject, int Version)>(v => v.Subject == OrderSubject && v.Version == 1));
        await (await client.GetAsync("/api/v1/streams/order-1")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(await client.ReadAllAsync(), Has.None.Matches<JsonElement>(e => e.GetProperty("streamId").GetString() == "order-1"));
    }

    [Test]
    public async Task A_valid_event_records_the_schema_version_it_was_checked_against_and_may_name_an_older_one()
    {
        using var client = await Auth.PartnerClientAsync(AllScopes);
        await client.RegisterOkAsync(OrderSubject, OrderPlacedV1);
        await client.RegisterOkAsync(OrderSubject,
            """{ "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "number", "minimum": 0 }, "currency": { "type": "string", "default": "EUR" } }, "required": ["orderId", "total", "currency"] }""");

        var latest = await client.AppendAsync("order-2", new { events = new[] { new { type = "order.placed", data = new { orderId = "2", total = 1, currency = "USD" } } } });
        var older = await client.AppendAsync("order-2", new { events = new[] { new { type = "order.placed", data = new { orderId = "2", total = 1 }, schemaVersion = 1 } } });
        var notLatest = await client.AppendAsync("order-2", new { events = new[] { new { type = "order.placed", data = new { orderId = "2", total = 1 } } } });
        var unknown = await client.AppendAsync("order-2", new { events = new[] { new { type = "order.placed", data = new { orderId = "2", total = 1 }, schemaVersion = 9 } } });
        var spoofed = await client.AppendAsync("other", new { events = new[] { new { type = "thing.happened", data = new { }, metadata = new { schema = "forged" } } } });

        Assert.That(latest.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(older.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await notLatest.AssertSchemaViolationAsync()).Single(), Is.EqualTo(("/events/0/data", OrderSubject, 2)));
        Assert.That((await unknown.AssertSchemaViolationAsync()).Single().Version, Is.EqualTo(9));
        Assert.That(spoofed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var events = (await (await client.GetAsync("/api/v1/streams/order-2/events")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var stamps = events.Select(e => e.GetProperty("metadata").GetProperty("schema"))
            .Select(s => (s.GetProperty("subject").GetString(), s.GetProperty("version").GetInt32(), s.GetProperty("valid").GetBoolean()));
        Assert.That(stamps, Is.EqualTo(new[] { (OrderSubject, 2, true), (OrderSubject, 1, true) }));
        var other = (await (await client.GetAsync("/api/v1/streams/other/events")).ReadJsonAsync()).GetProperty("items")[0];
        Assert.That(other.GetProperty("metadata").TryGetProperty("schema", out _), Is.False, "only the service writes metadata.schema");
    }

    [Test]
    public async Task Warn_stores_a_failing_event_with_a_Schema_Warning_header_and_off_checks_nothing()
    {
        using var client = await Auth.PartnerClientAsync(AllScopes);
        await client.ConfigureOkAsync(OrderSubject, enforcement: "warn");
        await client.RegisterOkAsync(OrderSubject, OrderPlacedV1);

        var warned = await client.AppendAsync("order-3", new { events = new[] { Event("order.placed", new { orderId = 3, total = 1 }) } });
        var clean = await client.AppendAsync("order-3", new { events = new[] { Event("order.placed", new { orderId = "3", total = 1 }) } });
        await client.ConfigureOkAsync(OrderSubject, enforcement: "off");
        var unchecked_ = await client.AppendAsync("order-3", new { events = new[] { Event("order.placed", new { orderId = 3 }) } });

        Assert.That(warned.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(warned.Headers.GetValues("Schema-Warning").Single(), Does.StartWith("events/order.placed v1 /events/0/data/orderId: "));
        Assert.That(clean.Headers.Contains("Schema-Warning"), Is.False);
        Assert.That(unchecked_.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(unchecked_.Headers.Contains("Schema-Warning"), Is.False);
        var events = (await (await client.GetAsync("/api/v1/streams/order-3/events")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.That(events.Select(e => e.GetProperty("metadata").TryGetProperty("schema", out var s) ? s.GetProperty("valid").GetBoolean() : (bool?)null),
            Is.EqualTo(new bool?[] { false, true, null }));
    }

    [Test]
    public async Task Checked_values_are_counted_by_outcome_in_the_metrics()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Metrics:Prometheus"] = "true" });
        using var client = await new TestAuth(factory).PartnerClientAsync(AllScopes);
        await client.ConfigureOkAsync(OrderSubject, enforcement: "warn");
        await client.RegisterOkAsync(OrderSubject, OrderPlacedV1);
        await client.AppendOkAsync("order-4", Event("order.placed", new { orderId = 4, total = 1 }), Event("order.placed", new { orderId = "4", total = 1 }));
        await client.ConfigureOkAsync(OrderSubject, enforcement: "enforce");
        await client.AppendAsync("order-4", new { events = new[] { Event("order.placed", new { orderId = 4, total = 1 }) } });
        using var anonymous = factory.CreateClient();

        var scrape = await anonymous.GetStringAsync("/metrics");

        foreach (var outcome in new[] { "warned", "valid", "refused" })
        {
            Assert.That(scrape, Does.Match($$"""eventagents_schema_validations_total\{[^}]*outcome="{{outcome}}"[^}]*\} 1(\s|$)"""), outcome);
        }
    }

    [Test]
    public async Task Document_writes_are_checked_and_a_merge_patch_on_its_result()
    {
        using var client = await Auth.PartnerClientAsync(AllScopes);
        await client.RegisterOkAsync("collections/orders", OrdersSchema);

        var put = await client.PutAsync("orders", "o-1", new { customer = "acme", status = "open" });
        var badPut = await client.PutAsync("orders", "o-2", new { customer = "acme", status = "lost" });
        var badPost = await client.PostAsJsonAsync("/api/v1/collections/orders/documents", new { id = "o-3", data = new { status = "open" } });
        var goodPatch = await client.PatchAsync("orders", "o-1", """{ "status": "paid", "total": 12.5 }""");
        var badPatch = await client.PatchAsync("orders", "o-1", """{ "customer": null }""");

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await put.ReadJsonAsync()).GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
        Assert.That((await badPut.AssertSchemaViolationAsync()).Select(v => v.Path), Is.EqualTo(new[] { "/data/status" }));
        Assert.That((await badPost.AssertSchemaViolationAsync()).Select(v => v.Path), Is.EqualTo(new[] { "/data" }));
        Assert.That(goodPatch.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the patch alone lacks 'customer'; its result has it");
        Assert.That((await badPatch.AssertSchemaViolationAsync()).Select(v => v.Path), Is.EqualTo(new[] { "/data" }), "removing a required member");

        await (await client.GetAsync(DocumentsApi.Url("orders", "o-2"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync(DocumentsApi.Url("orders", "o-3"))).AssertProblemAsync(HttpStatusCode.NotFound);
        var current = await (await client.GetAsync(DocumentsApi.Url("orders", "o-1"))).ReadJsonAsync();
        Assert.That(current.GetProperty("version").GetInt64(), Is.EqualTo(2), "the refused patch stored nothing");
        Assert.That(current.GetProperty("data").GetProperty("customer").GetString(), Is.EqualTo("acme"));
        Assert.That(current.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1));
        var asOf = await (await client.GetAsync(DocumentsApi.Url("orders", "o-1") + "?version=1")).ReadJsonAsync();
        Assert.That(asOf.GetProperty("schemaVersion").GetInt32(), Is.EqualTo(1), "time travel reads it from the version's event");
        var history = await (await client.GetAsync(DocumentsApi.Url("orders", "o-1") + "/history")).ReadJsonAsync();
        Assert.That(history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("metadata").GetProperty("schema").GetProperty("version").GetInt32()),
            Is.EqualTo(new[] { 1, 1 }));
    }

    [Test]
    public async Task A_document_write_may_name_the_schema_version_in_the_Schema_Version_header_and_warn_mode_adds_the_header()
    {
        using var client = await Auth.PartnerClientAsync(AllScopes);
        await client.RegisterOkAsync("collections/orders", OrdersSchema);
        await client.RegisterOkAsync("collections/orders",
            """{ "type": "object", "properties": { "customer": { "type": "string" }, "status": { "enum": ["open", "paid", "void"] }, "total": { "type": "number" } }, "required": ["customer", "status"] }""");

        using var named = new HttpRequestMessage(HttpMethod.Put, DocumentsApi.Url("orders", "o-9")) { Content = JsonContent.Create(new { data = new { customer = "acme", status = "void" } }) };
        named.Headers.Add("Schema-Version", "1");
        var refusedByV1 = await client.SendAsync(named);
        var acceptedByV2 = await client.PutAsync("orders", "o-9", new { customer = "acme", status = "void" });
        await client.ConfigureOkAsync("collections/orders", enforcement: "warn");
        var warned = await client.PutAsync("orders", "o-9", new { customer = 7, status = "void" });

        Assert.That((await refusedByV1.AssertSchemaViolationAsync()).Single(), Is.EqualTo(("/data/status", "collections/orders", 1)));
        Assert.That((await acceptedByV2.ReadJsonAsync()).GetProperty("schemaVersion").GetInt32(), Is.EqualTo(2));
        Assert.That(warned.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(warned.Headers.GetValues("Schema-Warning").Single(), Does.StartWith("collections/orders v2 /data/customer: "));
    }

    [Test]
    public async Task Another_tenants_subjects_are_404_and_never_affect_its_writes()
    {
        using var alice = await Auth.PartnerClientAsync(AllScopes);
        using var bob = await Auth.PartnerClientAsync(AllScopes);
        await alice.RegisterOkAsync(OrderSubject, OrderPlacedV1);
        await alice.RegisterOkAsync("collections/orders", OrdersSchema);

        await (await bob.GetAsync(Url(OrderSubject))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await bob.GetAsync(Url(OrderSubject) + "/versions/1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await bob.PostAsync(Url(OrderSubject) + "/compatibility", JsonBody($$"""{ "schema": {{OrderPlacedV1}} }"""))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await bob.DeleteAsync(Url(OrderSubject))).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await (await bob.GetAsync("/api/v1/schemas")).ReadJsonAsync()).GetProperty("items").GetArrayLength(), Is.Zero);
        var append = await bob.AppendAsync("order-1", new { events = new[] { Event("order.placed", new { free = "form" }) } });
        var put = await bob.PutAsync("orders", "o-1", new { anything = true });

        Assert.That(append.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await put.ReadJsonAsync()).TryGetProperty("schemaVersion", out _), Is.False);
        Assert.That((await (await alice.GetAsync(Url(OrderSubject))).ReadJsonAsync()).GetProperty("versions").GetArrayLength(), Is.EqualTo(1));
    }
}
