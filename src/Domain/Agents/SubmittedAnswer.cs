using System.Text.Json;

namespace EventAgents.Domain.Agents;

/// <summary>One answer a partner posts for a waiting call: an output (client tool) or an approval decision with an optional reason.</summary>
public sealed record SubmittedAnswer(string CallId, JsonElement? Output, bool? Approved, string? Reason)
{
    public string Needs => Output is not null ? PendingCall.NeedsOutput : PendingCall.NeedsApproval;
}
