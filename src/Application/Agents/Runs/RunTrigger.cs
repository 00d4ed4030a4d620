using System.Text.Json;
using System.Text.Json.Serialization;
using EventAgents.Application.Common.Json;

namespace EventAgents.Application.Agents.Runs;

/// <summary>What started a run, by <c>kind</c>: an API call or a matching event.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ApiRunTrigger), ApiRunTrigger.Kind)]
[JsonDerivedType(typeof(EventRunTrigger), EventRunTrigger.Kind)]
public abstract record RunTrigger
{
    /// <summary>The trigger as stored with the run (jsonb keeps no key order, so <c>kind</c> may come anywhere).</summary>
    public static RunTrigger Parse(string json) => JsonSerializer.Deserialize<RunTrigger>(json, JsonDefaults.Web)
        ?? throw new JsonException("A run's trigger is null.");
}
