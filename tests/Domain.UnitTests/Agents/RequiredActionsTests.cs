using System.Text.Json;
using EventAgents.Domain.Agents;

namespace EventAgents.Domain.UnitTests.Agents;

/// <summary>Answering a paused run: which answers are taken, which change nothing, which conflict or are refused.</summary>
public sealed class RequiredActionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    private static readonly RequiredAction Waiting = new(Now.AddHours(1),
    [
        new PendingCall("call_1", "price_quote", ClientTool.Kind, Json("{}"), PendingCall.NeedsOutput),
        new PendingCall("call_2", "documents.write", AgentTools.BuiltInKind, Json("{}"), PendingCall.NeedsApproval),
    ]);

    [Test]
    public void An_output_is_taken_and_the_run_waits_on_until_every_call_is_answered()
    {
        var first = Answer(Waiting, Output("call_1", "1"));
        var second = Answer(first.Action!, Decision("call_2", approve: false, "no"));

        Assert.That((first.Outcome, first.Resumes), Is.EqualTo((AnswerOutcome.Accepted, false)));
        Assert.That(first.Action!.Calls[0].Answer!.AnsweredBy, Is.EqualTo("client-a"));
        Assert.That((second.Outcome, second.Resumes), Is.EqualTo((AnswerOutcome.Accepted, true)));
        Assert.That(second.Action!.Calls[1].Answer, Is.EqualTo(new CallAnswer(null, false, "no", "client-a", Now)));
    }

    [Test]
    public void The_same_answer_again_changes_nothing_and_a_different_one_conflicts()
    {
        var answered = Answer(Waiting, Output("call_1", """{ "a": 1, "b": [2] }""")).Action!;

        Assert.That(Answer(answered, Output("call_1", """{"b":[2],"a":1}""")).Outcome, Is.EqualTo(AnswerOutcome.Unchanged), "same JSON, other spelling");
        Assert.That(Answer(answered, Output("call_1", """{ "a": 2 }""")).Outcome, Is.EqualTo(AnswerOutcome.Conflict));
    }

    [Test]
    public void A_call_the_run_does_not_wait_on_or_an_answer_of_the_wrong_kind_is_refused_and_nothing_is_taken()
    {
        var unknown = Answer(Waiting, Output("call_1", "1"), Output("call_9", "1"));
        var wrongKind = Answer(Waiting, Decision("call_1", approve: true));
        var outputForApproval = Answer(Waiting, Output("call_2", "1"));

        Assert.That((unknown.Outcome, unknown.Action), Is.EqualTo((AnswerOutcome.Refused, (RequiredAction?)null)));
        Assert.That(wrongKind.Outcome, Is.EqualTo(AnswerOutcome.Refused));
        Assert.That(outputForApproval.Outcome, Is.EqualTo(AnswerOutcome.Refused));
    }

    [Test]
    public void New_answers_come_only_while_the_run_is_paused_and_before_the_deadline()
    {
        Assert.That(RequiredActions.Answer(RunStatus.Running, null, [Output("call_1", "1")], "c", Now).Outcome, Is.EqualTo(AnswerOutcome.NotWaiting));
        Assert.That(RequiredActions.Answer(RunStatus.Cancelled, Waiting, [Output("call_1", "1")], "c", Now).Outcome, Is.EqualTo(AnswerOutcome.NotWaiting));
        Assert.That(RequiredActions.Answer(RunStatus.RequiresAction, Waiting with { Settled = true }, [Output("call_1", "1")], "c", Now).Outcome,
            Is.EqualTo(AnswerOutcome.NotWaiting));
        Assert.That(RequiredActions.Answer(RunStatus.RequiresAction, Waiting, [Output("call_1", "1")], "c", Now.AddHours(2)).Outcome,
            Is.EqualTo(AnswerOutcome.NotWaiting));
    }

    [Test]
    public void A_repeated_answer_is_still_recognised_after_the_run_went_on()
    {
        var answered = Answer(Waiting, Output("call_1", "1"), Decision("call_2", approve: true)).Action! with { Settled = true };

        Assert.That(RequiredActions.Answer(RunStatus.Running, answered, [Output("call_1", "1")], "c", Now).Outcome, Is.EqualTo(AnswerOutcome.Unchanged));
        Assert.That(RequiredActions.Answer(RunStatus.Succeeded, answered, [Decision("call_2", approve: false)], "c", Now).Outcome, Is.EqualTo(AnswerOutcome.Conflict));
    }

    [Test]
    public void Pausing_resuming_cancelling_and_timing_out_follow_the_state_machine()
    {
        Assert.That(RunLifecycle.EndOfAttempt(RunStatus.Running, RunStatus.RequiresAction), Is.EqualTo(RunStatus.RequiresAction));
        Assert.That(RunLifecycle.EndOfAttempt(RunStatus.Cancelling, RunStatus.RequiresAction), Is.EqualTo(RunStatus.Cancelled), "a cancel asked meanwhile wins");
        Assert.That(RunLifecycle.Resume(RunStatus.RequiresAction), Is.EqualTo(RunStatus.Queued));
        Assert.That(RunLifecycle.Cancel(RunStatus.RequiresAction), Is.EqualTo(RunStatus.Cancelled));
        Assert.That(RunLifecycle.ActionTimedOut(RunStatus.RequiresAction), Is.EqualTo(RunStatus.Failed));
        Assert.Throws<InvalidOperationException>(() => RunLifecycle.Resume(RunStatus.Running));
        Assert.That(RunStatus.IsTerminal(RunStatus.RequiresAction), Is.False);
    }

    private static AnswerDecision Answer(RequiredAction action, params SubmittedAnswer[] answers) =>
        RequiredActions.Answer(RunStatus.RequiresAction, action, answers, "client-a", Now);

    private static SubmittedAnswer Output(string callId, string json) => new(callId, Json(json), null, null);

    private static SubmittedAnswer Decision(string callId, bool approve, string? reason = null) => new(callId, null, approve, reason);

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
