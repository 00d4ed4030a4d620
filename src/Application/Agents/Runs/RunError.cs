using System.Text.Json;
using EventAgents.Application.Common.Json;

namespace EventAgents.Application.Agents.Runs;

/// <summary>Why a run failed (or why its last attempt did): a documented code, a message, and whether it was retryable.</summary>
public sealed record RunError(string Code, string Message, bool Retryable)
{
    public string ToJson() => JsonSerializer.Serialize(this, JsonDefaults.Web);
}
