using EventAgents.Domain.Agents;

namespace EventAgents.Domain.UnitTests.Agents;

/// <summary>The names partners may give their tools: what models accept, and never a built-in tool's.</summary>
public sealed class CustomToolRulesTests
{
    [TestCase("lookup_customer")]
    [TestCase("Create-Ticket2")]
    [TestCase("a")]
    public void Wire_safe_names_are_valid(string name) => Assert.That(CustomToolRules.IsValidName(name), Is.True);

    [TestCase("")]
    [TestCase("has space")]
    [TestCase("dotted.name")]
    [TestCase("ünïcode")]
    [TestCase(null)]
    public void Other_names_are_not(string? name) => Assert.That(CustomToolRules.IsValidName(name), Is.False);

    [Test]
    public void Sixty_four_characters_at_most() =>
        Assert.That((CustomToolRules.IsValidName(new string('a', 64)), CustomToolRules.IsValidName(new string('a', 65))), Is.EqualTo((true, false)));

    [TestCase("documents.read")]
    [TestCase("documents_read")]
    [TestCase("events_append")]
    public void Built_in_names_in_either_spelling_are_taken(string name) => Assert.That(CustomToolRules.IsBuiltInName(name), Is.True);

    [Test]
    public void A_trigger_tool_that_is_a_custom_tool_needs_no_scope()
    {
        var settings = new AgentSettings("a", null, "x", new AgentModel("echo", null, null, null), [AgentTools.DocumentsRead], [], 10, 1, 1, 1, true,
            TriggerTools: ["lookup", AgentTools.DocumentsRead],
            CustomTools: [new HttpTool { Name = "lookup", Url = "https://example.com/f" }]);

        var agent = Agent.Create(Guid.NewGuid(), settings, ["documents:read"], "client", DateTimeOffset.UnixEpoch);

        Assert.That(agent.TriggerScopes, Is.EqualTo(new[] { "documents:read" }));
    }
}
