using System.Text.Json;
using System.Text.Json.Nodes;
using EventAgents.Domain.Documents;

namespace EventAgents.Domain.UnitTests.Documents;

/// <summary>What create, replace, patch and delete do to a document that exists, and to one that does not.</summary>
public sealed class DocumentDecisionsTests
{
    private static JsonObject Data(string json) => JsonNode.Parse(json)!.AsObject();

    [Test]
    public void Create_records_the_data_and_is_refused_when_the_document_exists()
    {
        var created = DocumentDecisions.Create(exists: false, Data("""{"a":1}"""));
        var refused = DocumentDecisions.Create(exists: true, Data("""{"a":1}"""));

        Assert.That(created.EventType, Is.EqualTo(DocumentEventTypes.Created));
        Assert.That(created.EventData.ToJsonString(), Is.EqualTo("""{"data":{"a":1}}"""));
        Assert.That(created.NewData!.ToJsonString(), Is.EqualTo("""{"a":1}"""));
        Assert.That(refused.Refusal, Is.EqualTo(DocumentRefusal.Exists));
    }

    [Test]
    public void Replace_replaces_and_creates_when_there_is_none_a_deleted_document_included()
    {
        Assert.That(DocumentDecisions.Replace(exists: true, Data("""{"b":2}""")).EventType, Is.EqualTo(DocumentEventTypes.Replaced));
        var again = DocumentDecisions.Replace(exists: false, Data("""{"b":2}"""));

        Assert.That(again.EventType, Is.EqualTo(DocumentEventTypes.Created));
        Assert.That(again.IsRefused, Is.False);
        Assert.That(again.EventData.ToJsonString(), Is.EqualTo("""{"data":{"b":2}}"""));
    }

    [Test]
    public void Patch_merges_and_records_the_patch_and_the_result()
    {
        var decision = DocumentDecisions.Patch(Data("""{"a":1,"keep":true,"n":{"x":1}}"""), Data("""{"a":2,"keep":null,"n":{"y":2}}"""));

        Assert.That(decision.EventType, Is.EqualTo(DocumentEventTypes.Patched));
        Assert.That(decision.NewData!.ToJsonString(), Is.EqualTo("""{"a":2,"n":{"x":1,"y":2}}"""));
        Assert.That(decision.EventData.ToJsonString(), Is.EqualTo("""{"patch":{"a":2,"keep":null,"n":{"y":2}},"data":{"a":2,"n":{"x":1,"y":2}}}"""));
    }

    [Test]
    public void Patch_of_a_document_that_does_not_exist_or_was_deleted_is_not_found()
    {
        Assert.That(DocumentDecisions.Patch(current: null, Data("""{"a":1}""")).Refusal, Is.EqualTo(DocumentRefusal.NotFound));
    }

    [Test]
    public void Delete_records_no_data_and_is_not_found_when_there_is_none()
    {
        var deleted = DocumentDecisions.Delete(exists: true);

        Assert.That(deleted.EventType, Is.EqualTo(DocumentEventTypes.Deleted));
        Assert.That(deleted.NewData, Is.Null);
        Assert.That(deleted.EventData.ToJsonString(), Is.EqualTo("{}"));
        Assert.That(DocumentDecisions.Delete(exists: false).Refusal, Is.EqualTo(DocumentRefusal.NotFound));
    }

    [Test]
    public void The_data_a_decision_records_is_not_shared_with_the_new_state()
    {
        var data = Data("""{"a":1}""");
        var decision = DocumentDecisions.Create(exists: false, data);

        decision.NewData!["a"] = 9;

        Assert.That(decision.EventData.ToJsonString(), Is.EqualTo("""{"data":{"a":1}}"""));
    }

    [TestCase(DocumentEventTypes.Created, """{"data":{"v":1}}""", """{"v":1}""")]
    [TestCase(DocumentEventTypes.Replaced, """{"data":{"v":2}}""", """{"v":2}""")]
    [TestCase(DocumentEventTypes.Patched, """{"patch":{"v":3},"data":{"v":3,"w":0}}""", """{"v":3,"w":0}""")]
    [TestCase(DocumentEventTypes.Deleted, "{}", null)]
    public void The_state_after_an_event_is_the_state_it_carries_and_none_after_a_delete(string type, string eventData, string? state)
    {
        using var json = JsonDocument.Parse(eventData);

        Assert.That(DocumentDecisions.StateAfter(type, json.RootElement)?.GetRawText(), Is.EqualTo(state));
    }
}
