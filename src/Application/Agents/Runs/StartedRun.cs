namespace EventAgents.Application.Agents.Runs;

/// <summary>The run, and whether it was created by an earlier request with the same Idempotency-Key.</summary>
public sealed record StartedRun(RunDto Run, bool Replayed);
