namespace EventAgents.Application.Agents.Runs;

/// <summary>Model tokens spent by the run, over all attempts.</summary>
public sealed record RunUsage(long InputTokens, long OutputTokens);
