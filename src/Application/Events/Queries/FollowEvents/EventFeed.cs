namespace EventAgents.Application.Events.Queries.FollowEvents;

/// <summary>A validated live feed of the tenant's global log: where it starts and what it lets through.</summary>
public sealed record EventFeed(long After, IReadOnlyList<string> Types, string? StreamPrefix);
