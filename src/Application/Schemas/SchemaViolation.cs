namespace EventAgents.Application.Schemas;

/// <summary>One way a write fails its schema.</summary>
/// <param name="Path">A JSON pointer into the request body, e.g. <c>/events/0/data/amount</c> or <c>/data/total</c>.</param>
/// <param name="Message">What is wrong there.</param>
/// <param name="Subject">The subject whose schema refused it.</param>
/// <param name="Version">The version checked.</param>
public sealed record SchemaViolation(string Path, string Message, string Subject, int Version);
