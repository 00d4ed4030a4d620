namespace EventAgents.Application.Common.Exceptions;

/// <summary>The database cannot be reached, refuses connections or timed out: the caller may retry shortly.</summary>
public sealed class StorageUnavailableException(Exception inner) : Exception("The database is unavailable or timed out.", inner);
