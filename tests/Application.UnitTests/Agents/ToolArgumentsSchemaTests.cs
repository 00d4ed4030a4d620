using System.Text.Json;
using EventAgents.Application.Agents.Tools;

namespace EventAgents.Application.UnitTests.Agents;

/// <summary>A custom tool's argument schema: what is accepted as one, and what a call's arguments are told when they fail it.</summary>
public sealed class ToolArgumentsSchemaTests
{
    private const string Lookup =
        """{ "type": "object", "properties": { "customerId": { "type": "string", "minLength": 1 }, "tier": { "enum": ["gold", "silver"] } }, "required": ["customerId"], "additionalProperties": false }""";

    [TestCase(Lookup)]
    [TestCase("""{ "type": "object" }""")]
    [TestCase("""{ "type": "object", "$defs": { "id": { "type": "string" } }, "properties": { "a": { "$ref": "#/$defs/id" } } }""")]
    public void A_standalone_object_schema_is_accepted(string schema) =>
        Assert.That(ToolArgumentsSchema.Refusal(Parse(schema)), Is.Null);

    [TestCase("[]", "JSON Schema object")]
    [TestCase("""{ "type": "string" }""", "type")]
    [TestCase("""{ "properties": {} }""", "type")]
    [TestCase("""{ "type": "object", "properties": 5 }""", "not a valid JSON Schema")]
    [TestCase("""{ "type": "object", "minProperties": -1 }""", "not a valid JSON Schema")]
    [TestCase("""{ "type": "object", "properties": { "a": { "$ref": "https://example.com/s.json" } } }""", "local $refs")]
    [TestCase("""{ "type": "object", "$id": "https://example.com/s.json" }""", "$id")]
    public void Anything_else_is_refused_with_a_reason(string schema, string reason) =>
        Assert.That(ToolArgumentsSchema.Refusal(Parse(schema)), Does.Contain(reason));

    [Test]
    public void Arguments_that_pass_have_no_errors() =>
        Assert.That(ToolArgumentsSchema.Of(Parse(Lookup)).Errors(Parse("""{ "customerId": "c-1", "tier": "gold" }""")), Is.Empty);

    [Test]
    public void Each_failure_is_named_by_its_json_pointer()
    {
        var errors = ToolArgumentsSchema.Of(Parse(Lookup)).Errors(Parse("""{ "customerId": 5, "tier": "bronze" }"""));

        Assert.That(errors.Select(e => e.Path), Is.SupersetOf(new[] { "/customerId", "/tier" }));
        Assert.That(errors, Has.All.Matches<ToolArgumentError>(e => e.Message.Length > 0));
    }

    [Test]
    public void A_missing_required_argument_is_an_error_at_the_root()
    {
        var errors = ToolArgumentsSchema.Of(Parse(Lookup)).Errors(Parse("{}"));

        Assert.That(errors.Select(e => e.Path), Does.Contain(string.Empty));
        Assert.That(string.Join(" ", errors.Select(e => e.Message)), Does.Contain("customerId"));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
