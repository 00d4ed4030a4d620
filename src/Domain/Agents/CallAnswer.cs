using System.Text.Json;

namespace EventAgents.Domain.Agents;

/// <summary>The answer a waiting call got: its output (client tool), or a decision (approved, or rejected with a reason); who gave it, when.</summary>
public sealed record CallAnswer(JsonElement? Output, bool? Approved, string? Reason, string AnsweredBy, DateTimeOffset AnsweredAt)
{
    /// <summary>Whether a submission says the same as this answer (then posting it again changes nothing).</summary>
    public bool SaysTheSameAs(SubmittedAnswer answer) =>
        Approved == answer.Approved
        && Reason == answer.Reason
        && (Output, answer.Output) switch
        {
            (null, null) => true,
            ({ } stored, { } posted) => JsonElement.DeepEquals(stored, posted),
            _ => false,
        };
}
