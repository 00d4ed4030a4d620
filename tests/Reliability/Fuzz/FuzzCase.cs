namespace EventAgents.Reliability.Fuzz;

/// <summary>One hostile request: what was done to it (for the report), and how to build it (again, for a retry).</summary>
public sealed record FuzzCase(string Kind, string Description, Func<HttpRequestMessage> Build);
