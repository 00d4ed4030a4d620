namespace EventAgents.WebApi.Infrastructure.Problems;

/// <summary>The client already holds as many live connections as it may (429).</summary>
public sealed class TooManyLiveConnectionsException()
    : Exception("This client already holds the maximum number of live connections; close one first.");
