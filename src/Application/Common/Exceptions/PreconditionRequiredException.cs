namespace EventAgents.Application.Common.Exceptions;

/// <summary>The endpoint needs a precondition header (If-Match) that the request did not send (428).</summary>
public sealed class PreconditionRequiredException(string message) : Exception(message);
