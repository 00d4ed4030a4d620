using EventAgents.Domain.Agents;

namespace EventAgents.Application.Agents.Runs;

/// <summary>Answers to the calls a paused run waits on, decided by <see cref="RequiredActions"/> and stored fenced on what was read.</summary>
public interface IRunAnswers
{
    /// <summary>
    /// Takes the answers whole or not at all and resumes the run once every call has one; returns the run, or null when the
    /// tenant has no such run. A call the run does not wait on is a <see cref="Domain.Common.DomainRuleException"/>; a
    /// different answer to an answered call, or a run that waits no more, a <see cref="Common.Exceptions.ConflictException"/>.
    /// </summary>
    Task<RunDto?> AnswerAsync(Guid tenantId, Guid runId, IReadOnlyList<SubmittedAnswer> answers, string answeredBy, CancellationToken cancellationToken);
}
