using System.Text.Json.Nodes;
using EventAgents.Domain.Documents;

namespace EventAgents.Domain.UnitTests.Documents;

/// <summary>The examples of RFC 7396, appendix A, and a few of our own.</summary>
public sealed class JsonMergePatchTests
{
    [TestCase("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [TestCase("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [TestCase("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [TestCase("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [TestCase("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [TestCase("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [TestCase("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [TestCase("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [TestCase("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [TestCase("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Rfc_7396_examples(string target, string patch, string expected)
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));

        Assert.That(JsonNode.DeepEquals(result, JsonNode.Parse(expected)), Is.True, result?.ToJsonString());
    }

    [Test]
    public void The_target_is_not_modified()
    {
        var target = JsonNode.Parse("""{"a":{"b":1}}""");

        JsonMergePatch.Apply(target, JsonNode.Parse("""{"a":{"b":2}}"""));

        Assert.That(target!.ToJsonString(), Is.EqualTo("""{"a":{"b":1}}"""));
    }
}
