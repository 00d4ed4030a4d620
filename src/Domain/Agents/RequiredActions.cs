namespace EventAgents.Domain.Agents;

/// <summary>
/// The rules of answering a paused run: every answer names a call the run waits on and is of the kind the call needs (an
/// output for a client tool, a decision for a call that needs approval); a call is answered once — the same answer again
/// changes nothing, a different one is a conflict; answers come while the run is paused, and the run goes on once every
/// call has one. A submission is taken whole or not at all.
/// </summary>
public static class RequiredActions
{
    public static AnswerDecision Answer(
        string status, RequiredAction? action, IReadOnlyList<SubmittedAnswer> answers, string answeredBy, DateTimeOffset now)
    {
        if (action is null)
        {
            return new AnswerDecision(AnswerOutcome.NotWaiting, null, $"The run is {status}; it waits for no tool outputs or approvals.");
        }

        var calls = action.Calls.ToList();
        var changed = false;
        foreach (var answer in answers)
        {
            var index = calls.FindIndex(call => call.CallId == answer.CallId);
            if (index < 0)
            {
                return Refused($"'{answer.CallId}' is not a call this run waits on.");
            }

            var call = calls[index];
            if (call.Needs != answer.Needs)
            {
                return Refused(call.Needs == PendingCall.NeedsOutput
                    ? $"The call '{call.CallId}' waits for its output, not for approval."
                    : $"The call '{call.CallId}' waits for approval, not for an output.");
            }

            if (call.Answer is { } given)
            {
                if (!given.SaysTheSameAs(answer))
                {
                    return new AnswerDecision(AnswerOutcome.Conflict, action, $"The call '{call.CallId}' was answered differently before.");
                }

                continue;
            }

            if (status != RunStatus.RequiresAction || action.Settled || now > action.ExpiresAt)
            {
                return new AnswerDecision(AnswerOutcome.NotWaiting, action, $"The run is {status}; it no longer waits for the call '{call.CallId}'.");
            }

            calls[index] = call with { Answer = new CallAnswer(answer.Output, answer.Approved, answer.Reason, answeredBy, now) };
            changed = true;
        }

        return changed
            ? new AnswerDecision(AnswerOutcome.Accepted, action with { Calls = calls }, null)
            : new AnswerDecision(AnswerOutcome.Unchanged, action, null);
    }

    private static AnswerDecision Refused(string problem) => new(AnswerOutcome.Refused, null, problem);
}
