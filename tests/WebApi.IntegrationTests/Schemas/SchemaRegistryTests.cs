using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.SchemasApi;

namespace EventAgents.WebApi.IntegrationTests.Schemas;

/// <summary>The registry's endpoints: subjects, versions, compatibility checks, deletes, scopes and the subject's system stream.</summary>
public sealed class SchemaRegistryTests : ApiTest
{
    private const string Subject = "events/order.placed";

    private const string WithCurrency =
        """{ "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "number", "minimum": 0 }, "currency": { "type": "string", "default": "EUR" } }, "required": ["orderId", "total"] }""";

    private const string Breaking =
        """{ "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "integer" }, "channel": { "type": "string" } }, "required": ["orderId", "total", "channel"] }""";

    [Test]
    public async Task A_subject_is_configured_read_and_listed()
    {
        using var client = await Auth.PartnerClientAsync("schemas:read", "schemas:write");

        var created = await client.ConfigureAsync("collections/orders", "full_transitive", "warn");
        var changed = await client.ConfigureAsync("collections/orders", enforcement: "enforce");
        await client.RegisterOkAsync(Subject, OrderPlacedV1);
        var subject = await (await client.GetAsync(Url("collections/orders"))).ReadJsonAsync();
        var list = await (await client.GetAsync("/api/v1/schemas")).ReadJsonAsync();

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(created.Headers.Location?.AbsolutePath, Is.EqualTo("/api/v1/schemas/collections/orders"));
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(subject.GetProperty("compatibility").GetString(), Is.EqualTo("full_transitive"), "kept when left out");
        Assert.That(subject.GetProperty("enforcement").GetString(), Is.EqualTo("enforce"));
        Assert.That(subject.GetProperty("latestVersion").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(list.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("subject").GetString()),
            Is.EqualTo(new[] { Subject, "collections/orders" }));
        var registered = list.GetProperty("items")[0];
        Assert.That((registered.GetProperty("compatibility").GetString(), registered.GetProperty("enforcement").GetString()),
            Is.EqualTo(("backward", "enforce")), "a subject made by its first registration has the defaults");
    }

    [Test]
    public async Task Versions_are_numbered_immutable_and_an_identical_schema_is_answered_with_its_version()
    {
        using var client = await Auth.PartnerClientAsync("schemas:read", "schemas:write");

        var first = await client.RegisterAsync(Subject, OrderPlacedV1);
        var second = await client.RegisterAsync(Subject, WithCurrency);
        var again = await client.RegisterAsync(Subject, OrderPlacedV1);
        var v1 = await (await client.GetAsync(Url(Subject) + "/versions/1")).ReadJsonAsync();
        var latest = await (await client.GetAsync(Url(Subject) + "/versions/latest")).ReadJsonAsync();
        var subject = await (await client.GetAsync(Url(Subject))).ReadJsonAsync();

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(first.Headers.Location?.AbsolutePath, Is.EqualTo("/api/v1/schemas/events/order.placed/versions/1"));
        Assert.That((await second.ReadJsonAsync()).GetProperty("version").GetInt32(), Is.EqualTo(2));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), "already registered: nothing stored");
        Assert.That((await again.ReadJsonAsync()).GetProperty("version").GetInt32(), Is.EqualTo(1));
        Assert.That(JsonElement.DeepEquals(v1.GetProperty("schema"), JsonDocument.Parse(OrderPlacedV1).RootElement), Is.True);
        Assert.That(latest.GetProperty("version").GetInt32(), Is.EqualTo(2));
        Assert.That(subject.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        await (await client.GetAsync(Url(Subject) + "/versions/3")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_incompatible_version_is_refused_with_every_incompatibility_and_the_check_endpoint_stores_nothing()
    {
        using var client = await Auth.PartnerClientAsync("schemas:read", "schemas:write");
        await client.RegisterOkAsync(Subject, OrderPlacedV1);

        var check = await (await client.PostAsync(Url(Subject) + "/compatibility", JsonBody($$"""{ "schema": {{Breaking}} }"""))).ReadJsonAsync();
        var fine = await (await client.PostAsync(Url(Subject) + "/compatibility", JsonBody($$"""{ "schema": {{WithCurrency}} }"""))).ReadJsonAsync();
        var refused = await client.RegisterAsync(Subject, Breaking);

        Assert.That(check.GetProperty("compatible").GetBoolean(), Is.False);
        Assert.That(check.GetProperty("comparedVersions").EnumerateArray().Select(v => v.GetInt32()), Is.EqualTo(new[] { 1 }));
        Assert.That(check.GetProperty("incompatibilities").EnumerateArray().Select(i => i.GetProperty("kind").GetString()),
            Is.EquivalentTo(new[] { "required-property-added", "type-narrowed" }));
        Assert.That(fine.GetProperty("compatible").GetBoolean(), Is.True);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo("https://eventagents.dev/problems/incompatible-schema"));
        Assert.That(problem.GetProperty("incompatibilities").EnumerateArray().Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("path").GetString())),
            Is.EquivalentTo(new[] { ("required-property-added", "/required"), ("type-narrowed", "/properties/total/type") }));
        var subject = await (await client.GetAsync(Url(Subject))).ReadJsonAsync();
        Assert.That(subject.GetProperty("versions").GetArrayLength(), Is.EqualTo(1), "neither the check nor the refusal stored anything");
    }

    [Test]
    public async Task A_deleted_subject_stops_checking_writes_and_starts_afresh_with_the_next_number()
    {
        using var client = await Auth.PartnerClientAsync("schemas:read", "schemas:write", "events:write", "events:read");
        await client.RegisterOkAsync(Subject, OrderPlacedV1);
        await client.RegisterOkAsync(Subject, WithCurrency);

        var deleted = await client.DeleteAsync(Url(Subject));
        var append = await client.AppendAsync("order-1", new { events = new[] { new { type = "order.placed", data = new { anything = true } } } });
        var get = await client.GetAsync(Url(Subject));
        var again = await client.DeleteAsync(Url(Subject));
        var fresh = await client.RegisterAsync(Subject, Breaking);

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(append.StatusCode, Is.EqualTo(HttpStatusCode.Created), "no longer checked");
        await get.AssertProblemAsync(HttpStatusCode.NotFound);
        await again.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(fresh.StatusCode, Is.EqualTo(HttpStatusCode.Created), "nothing to be compatible with after a delete");
        Assert.That((await fresh.ReadJsonAsync()).GetProperty("version").GetInt32(), Is.EqualTo(3), "numbers are never reused");
        await (await client.GetAsync(Url(Subject) + "/versions/1")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Schema_changes_are_events_of_the_subjects_system_stream_visible_only_with_schemas_read()
    {
        var partner = await Auth.CreatePartnerAsync("schemas:read", "schemas:write", "events:read");
        using var client = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        await client.ConfigureOkAsync(Subject, "full", "warn");
        await client.RegisterOkAsync(Subject, OrderPlacedV1);
        await client.DeleteAsync(Url(Subject));

        var stream = await (await client.GetAsync("/api/v1/streams/schema:events:order.placed/events")).ReadJsonAsync();
        var events = stream.GetProperty("items").EnumerateArray().ToList();
        Assert.That(events.Select(e => e.GetProperty("type").GetString()),
            Is.EqualTo(new[] { "schema.subject.configured", "schema.version.registered", "schema.subject.deleted" }));
        Assert.That(events[1].GetProperty("data").GetProperty("version").GetInt32(), Is.EqualTo(1));
        Assert.That(JsonElement.DeepEquals(events[1].GetProperty("data").GetProperty("schema"), JsonDocument.Parse(OrderPlacedV1).RootElement), Is.True);
        Assert.That((await client.ReadAllAsync()).Count, Is.EqualTo(3), "in the tenant's global log");

        var narrow = await Auth.CreatePartnerAsync("events:read");
        using var reader = await Auth.ClientWithTokenAsync(narrow.ClientId, narrow.ClientSecret);
        var hidden = await reader.GetAsync("/api/v1/streams/schema:events:order.placed/events");
        Assert.That(hidden.StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound));
        Assert.That(await reader.ReadAllAsync(), Is.Empty);
    }

    [Test]
    public async Task Schema_events_reach_webhooks_whose_creator_could_read_them_and_no_others()
    {
        await using var seeing = await WebhookReceiver.StartAsync();
        await using var blind = await WebhookReceiver.StartAsync();
        var partner = await Auth.CreatePartnerAsync("schemas:read", "schemas:write", "events:write", "webhooks:manage");
        using var owner = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        using var withSchemas = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret, "webhooks:manage schemas:read");
        using var withoutSchemas = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret, "webhooks:manage");
        foreach (var (hooks, receiver) in new[] { (withSchemas, seeing), (withoutSchemas, blind) })
        {
            var created = await hooks.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url.ToString(), eventTypes = new[] { "*" } });
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        await owner.RegisterOkAsync(Subject, OrderPlacedV1);
        await owner.AppendOkAsync("order-1", EventsApi.Event("order.placed", new { orderId = "1", total = 1 }));
        var seen = await seeing.WaitForAsync(3);
        var notSeen = await blind.WaitForAsync(1);
        await Task.Delay(500);

        Assert.That(seen.Select(r => r.Json.GetProperty("type").GetString()),
            Is.EqualTo(new[] { "schema.subject.configured", "schema.version.registered", "order.placed" }));
        Assert.That(blind.Received.Select(r => r.Json.GetProperty("type").GetString()), Is.EqualTo(new[] { "order.placed" }));
        Assert.That(notSeen, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Reading_takes_schemas_read_and_changing_takes_schemas_write()
    {
        using var owner = await Auth.PartnerClientAsync("schemas:read", "schemas:write");
        await owner.RegisterOkAsync(Subject, OrderPlacedV1);
        var partner = await Auth.CreatePartnerAsync("schemas:read");
        using var readOnly = await Auth.ClientWithTokenAsync(partner.ClientId, partner.ClientSecret);
        using var writer = await Auth.PartnerClientAsync("events:write", "documents:write");

        Assert.That((await readOnly.GetAsync(Url(Subject))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another tenant");
        foreach (var response in new[]
        {
            await writer.GetAsync("/api/v1/schemas"),
            await writer.GetAsync(Url(Subject)),
            await writer.PostAsync(Url(Subject) + "/compatibility", JsonBody($$"""{ "schema": {{OrderPlacedV1}} }""")),
            await readOnly.ConfigureAsync(Subject, "none"),
            await readOnly.RegisterAsync(Subject, OrderPlacedV1),
            await readOnly.DeleteAsync(Url(Subject)),
        })
        {
            await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [TestCase("widgets/x", TestName = "An unknown kind")]
    [TestCase("events/1bad", TestName = "An invalid event type")]
    [TestCase("collections/Orders", TestName = "An invalid collection name")]
    public async Task A_malformed_subject_is_a_400(string subject)
    {
        using var client = await Auth.PartnerClientAsync("schemas:read", "schemas:write");

        await (await client.GetAsync(Url(subject))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await client.RegisterAsync(subject, OrderPlacedV1)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [TestCase("""{ "type": "object", "properties": 5 }""", TestName = "Not a valid JSON Schema")]
    [TestCase("""{ "$ref": "https://example.com/order.json" }""", TestName = "A remote reference")]
    [TestCase("\"string\"", TestName = "Not an object")]
    [TestCase("""{ "type": "object", "minimum": "zero" }""", TestName = "A keyword of the wrong type")]
    public async Task A_schema_that_is_not_a_standalone_draft_2020_12_schema_is_a_400(string schema)
    {
        using var client = await Auth.PartnerClientAsync("schemas:read", "schemas:write");

        var problem = await (await client.RegisterAsync(Subject, schema)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("errors").TryGetProperty("schema", out _), Is.True, problem.ToString());
        await (await client.GetAsync(Url(Subject))).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Concurrent_registrations_get_distinct_consecutive_numbers()
    {
        using var client = await Auth.PartnerClientAsync("schemas:read", "schemas:write");
        await client.ConfigureOkAsync(Subject, "none");

        var responses = await Task.WhenAll(Enumerable.Range(1, 12).Select(i =>
            client.RegisterAsync(Subject, $$"""{ "type": "object", "title": "variant {{i}}" }""")));

        var versions = new List<int>();
        foreach (var response in responses)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            versions.Add((await response.ReadJsonAsync()).GetProperty("version").GetInt32());
        }

        Assert.That(versions.Order(), Is.EqualTo(Enumerable.Range(1, 12)), "none lost, none doubled");
        var subject = await (await client.GetAsync(Url(Subject))).ReadJsonAsync();
        Assert.That(subject.GetProperty("versions").EnumerateArray().Select(v => v.GetInt32()), Is.EqualTo(Enumerable.Range(1, 12)));
    }

    [Test]
    public async Task Of_two_concurrent_incompatible_candidates_one_wins_and_the_other_is_checked_against_it()
    {
        using var client = await Auth.PartnerClientAsync("schemas:read", "schemas:write");
        await client.RegisterOkAsync(Subject, """{ "type": "object", "properties": { "size": { "enum": ["s", "m", "l"] } } }""");

        for (var round = 0; round < 5; round++)
        {
            // Each candidate adds its own value (backward compatible with the latest version), so neither is compatible with the
            // other: whichever commits second must be checked against the first and refused.
            var latest = (await (await client.GetAsync(Url(Subject) + "/versions/latest")).ReadJsonAsync());
            var values = latest.GetProperty("schema").GetProperty("properties").GetProperty("size").GetProperty("enum").GetRawText();
            var responses = await Task.WhenAll(
                client.RegisterAsync(Subject, $$"""{ "type": "object", "properties": { "size": { "enum": {{values[..^1]}}, "a{{round}}"] } } }"""),
                client.RegisterAsync(Subject, $$"""{ "type": "object", "properties": { "size": { "enum": {{values[..^1]}}, "b{{round}}"] } } }"""));
            var statuses = responses.Select(r => r.StatusCode).ToList();
            var subject = await (await client.GetAsync(Url(Subject))).ReadJsonAsync();

            Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(1), string.Join(", ", statuses));
            Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(1));
            Assert.That(subject.GetProperty("latestVersion").GetInt32(), Is.EqualTo(latest.GetProperty("version").GetInt32() + 1), "exactly one new version");
        }
    }
}
