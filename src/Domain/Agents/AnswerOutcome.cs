namespace EventAgents.Domain.Agents;

public enum AnswerOutcome
{
    /// <summary>New answers were taken (the run resumes when none is missing any more).</summary>
    Accepted,

    /// <summary>Every answer was given before, the same: nothing changes (an idempotent retry).</summary>
    Unchanged,

    /// <summary>The run waits for no answers (it is not paused, or went on already without this call).</summary>
    NotWaiting,

    /// <summary>A call already has a different answer.</summary>
    Conflict,

    /// <summary>A call the run does not wait on, or an answer of the wrong kind (an output for a call that waits for approval).</summary>
    Refused,
}
