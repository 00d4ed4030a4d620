using System.Text.Json;
using EventAgents.Domain.Schemas;

namespace EventAgents.Domain.UnitTests.Schemas;

/// <summary>
/// Each compatibility rule of docs/schemas.md, in both directions, and what each mode compares (latest or every version).
/// "Old" is the subject's latest version, "new" the candidate.
/// </summary>
public sealed class SchemaCompatibilityTests
{
    private const string Order =
        """{ "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "number" }, "status": { "enum": ["open", "paid"] } }, "required": ["orderId"] }""";

    [TestCase(Order, """{ "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "number" }, "status": { "enum": ["open", "paid"] }, "note": { "type": "string" } }, "required": ["orderId"] }""", TestName = "An optional property added")]
    [TestCase(Order, """{ "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "number" }, "status": { "enum": ["open", "paid"] }, "currency": { "type": "string", "default": "EUR" } }, "required": ["orderId", "currency"] }""", TestName = "A required property added with a default")]
    [TestCase(Order, """{ "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "number" }, "status": { "enum": ["open", "paid"] } }, "required": ["orderId"], "description": "An order" }""", TestName = "Only an annotation changed")]
    [TestCase("""{ "type": "object", "properties": { "n": { "type": "integer" } } }""", """{ "type": "object", "properties": { "n": { "type": "number" } } }""", TestName = "integer widened to number")]
    public void Backward_compatible_changes_are_accepted(string old, string candidate) =>
        Assert.That(Check(CompatibilityMode.Backward, candidate, old), Is.Empty);

    [TestCase(Order, """{ "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "number" }, "status": { "enum": ["open", "paid"] } }, "required": ["orderId", "total"] }""", "required-property-added", "/required")]
    [TestCase(Order, """{ "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "integer" }, "status": { "enum": ["open", "paid"] } }, "required": ["orderId"] }""", "type-narrowed", "/properties/total/type")]
    [TestCase(Order, """{ "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "number" }, "status": { "enum": ["open"] } }, "required": ["orderId"] }""", "enum-value-removed", "/properties/status/enum")]
    [TestCase(Order, """{ "type": "object", "properties": { "orderId": { "type": "string" }, "status": { "enum": ["open", "paid"] } }, "required": ["orderId"], "additionalProperties": false }""", "property-removed", "/properties/total")]
    [TestCase("""{ "type": "object", "properties": { "a": { "type": "string" } } }""", """{ "type": "object", "properties": { "a": { "type": "string" } }, "additionalProperties": false }""", "content-model-closed", "/additionalProperties")]
    [TestCase("""{ "type": "object", "properties": { "a": { "type": "string", "maxLength": 10 } } }""", """{ "type": "object", "properties": { "a": { "type": "string", "maxLength": 5 } } }""", "range-narrowed", "/properties/a/maxLength")]
    [TestCase("""{ "type": "object", "properties": { "a": { "type": "number" } } }""", """{ "type": "object", "properties": { "a": { "type": "number", "minimum": 0 } } }""", "range-narrowed", "/properties/a/minimum")]
    [TestCase("""{ "type": "object", "properties": { "a": { "type": "string" } } }""", """{ "type": "object", "properties": { "a": { "type": "string", "pattern": "^[a-z]+$" } } }""", "pattern-changed", "/properties/a/pattern")]
    [TestCase("""{ "type": "object", "properties": { "a": { "type": "string" } } }""", """{ "type": "object", "properties": { "a": { "enum": ["x", "y"] } } }""", "enum-added", "/properties/a/enum")]
    [TestCase("""{ "type": "object", "properties": { "tags": { "type": "array", "items": { "type": "string" } } } }""", """{ "type": "object", "properties": { "tags": { "type": "array", "items": { "type": "integer" } } } }""", "type-narrowed", "/properties/tags/items/type")]
    [TestCase("""{ "type": "object", "properties": { "a": { "type": "string" } } }""", """{ "type": "object", "properties": { "a": false } }""", "schema-refuses-all", "/properties/a")]
    [TestCase("""{ "type": "object", "properties": { "a": { "type": "string" } } }""", """{ "type": "object", "properties": { "a": { "anyOf": [ { "type": "string" }, { "type": "null" } ] } } }""", "undecidable", "/properties/a")]
    public void Each_backward_incompatibility_is_named_with_its_path(string old, string candidate, string kind, string path)
    {
        var found = Check(CompatibilityMode.Backward, candidate, old);

        Assert.That(found.Select(f => (f.Kind, f.Path)), Does.Contain((kind, path)));
        Assert.That(found, Has.All.Matches<SchemaIncompatibility>(f => f is { Direction: "backward", Version: 1 } && f.Message.Length > 0));
    }

    [Test]
    public void A_removed_required_property_breaks_forward_compatibility_only()
    {
        const string candidate = """{ "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "number" }, "status": { "enum": ["open", "paid"] } } }""";

        Assert.That(Check(CompatibilityMode.Backward, candidate, Order), Is.Empty, "new readers read old data: they require less");
        var forward = Check(CompatibilityMode.Forward, candidate, Order);
        Assert.That(forward.Select(f => (f.Kind, f.Direction, f.Path)), Is.EqualTo(new[] { ("required-property-removed", "forward", "/required") }));
    }

    [Test]
    public void A_widened_type_breaks_forward_compatibility_and_full_reports_the_forward_side()
    {
        const string old = """{ "type": "object", "properties": { "n": { "type": "integer" } } }""";
        const string candidate = """{ "type": "object", "properties": { "n": { "type": ["integer", "string"] } } }""";

        Assert.That(Check(CompatibilityMode.Backward, candidate, old), Is.Empty);
        Assert.That(Check(CompatibilityMode.Forward, candidate, old).Single().Kind, Is.EqualTo("type-widened"));
        Assert.That(Check(CompatibilityMode.Full, candidate, old).Select(f => (f.Kind, f.Direction)), Is.EqualTo(new[] { ("type-widened", "forward") }));
    }

    [Test]
    public void An_added_enum_value_is_backward_but_not_forward_compatible()
    {
        const string candidate = """{ "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "number" }, "status": { "enum": ["open", "paid", "shipped"] } }, "required": ["orderId"] }""";

        Assert.That(Check(CompatibilityMode.Backward, candidate, Order), Is.Empty);
        Assert.That(Check(CompatibilityMode.Forward, candidate, Order).Single().Kind, Is.EqualTo("enum-value-added"));
        Assert.That(Check(CompatibilityMode.FullTransitive, candidate, Order).Single().Kind, Is.EqualTo("enum-value-added"));
    }

    [Test]
    public void Plain_modes_compare_with_the_latest_version_and_transitive_modes_with_every_version()
    {
        // v1 has no "total"; v2 makes it an optional number; the candidate requires "total" with a default: compatible with v2 and v1
        // backward. The candidate narrows "status" (v1 allowed any string, v2 only two values): compatible with v2, not with v1.
        const string v1 = """{ "type": "object", "properties": { "status": { "type": "string" } } }""";
        const string v2 = """{ "type": "object", "properties": { "status": { "enum": ["open", "paid"] } } }""";
        const string candidate = """{ "type": "object", "properties": { "status": { "enum": ["open", "paid"] }, "total": { "type": "number", "default": 0 } }, "required": ["total"] }""";

        Assert.That(Check(CompatibilityMode.Backward, candidate, v1, v2), Is.Empty, "only v2 is compared");
        var transitive = Check(CompatibilityMode.BackwardTransitive, candidate, v1, v2);
        Assert.That(transitive.Select(f => (f.Version, f.Kind)), Is.EqualTo(new[] { (1, "enum-added") }));
        Assert.That(Check(CompatibilityMode.ForwardTransitive, candidate, v1, v2), Is.Empty);
        Assert.That(Check(CompatibilityMode.FullTransitive, candidate, v1, v2).Select(f => f.Version), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void Mode_none_accepts_anything()
    {
        Assert.That(Check(CompatibilityMode.None, """{ "type": "string" }""", Order), Is.Empty);
    }

    [Test]
    public void The_first_version_has_nothing_to_be_compatible_with() =>
        Assert.That(SchemaCompatibility.Check([], Parse(Order), CompatibilityMode.FullTransitive), Is.Empty);

    [Test]
    public void Registering_an_existing_schema_returns_its_version_and_a_new_one_gets_the_next_number()
    {
        var versions = new List<(int, JsonElement)> { (3, Parse(Order)) };

        Assert.That(SchemaRegistration.Decide(versions, 3, Parse(Order), CompatibilityMode.Backward).ExistingVersion, Is.EqualTo(3));
        var next = SchemaRegistration.Decide(versions, 5, Parse(Order.Replace("\"orderId\"]", "\"orderId\"], \"title\": \"order\"", StringComparison.Ordinal)), CompatibilityMode.Backward);
        Assert.That((next.NextVersion, next.IsRefused), Is.EqualTo((6, false)), "numbers continue after the highest ever used");
        var refused = SchemaRegistration.Decide(versions, 3, Parse("""{ "type": "string" }"""), CompatibilityMode.Backward);
        Assert.That((refused.NextVersion, refused.IsRefused), Is.EqualTo(((int?)null, true)));
    }

    private static IReadOnlyList<SchemaIncompatibility> Check(CompatibilityMode mode, string candidate, params string[] versions) =>
        SchemaCompatibility.Check(versions.Select((v, i) => (i + 1, Parse(v))).ToList(), Parse(candidate), mode);

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
