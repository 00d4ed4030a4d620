namespace EventAgents.Domain.Agents;

/// <summary>What posting answers to a paused run's calls comes to (<see cref="RequiredActions.Answer"/>).</summary>
public sealed record AnswerDecision(AnswerOutcome Outcome, RequiredAction? Action, string? Problem)
{
    /// <summary>Whether the run goes on: every call has its answer now.</summary>
    public bool Resumes => Outcome == AnswerOutcome.Accepted && Action!.IsAnswered;
}
