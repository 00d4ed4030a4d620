namespace EventAgents.Application.Common.Exceptions;

/// <summary>The request conflicts with the current state (a duplicate name or id, a stale version).</summary>
public class ConflictException(string problemType, string title, string message) : Exception(message)
{
    /// <summary>The last segment of the problem type URI, e.g. <c>duplicate-name</c>.</summary>
    public string ProblemType { get; } = problemType;

    public string Title { get; } = title;

    /// <summary>Extra machine-readable members for the problem body.</summary>
    public virtual IReadOnlyDictionary<string, object?> Extensions => new Dictionary<string, object?>();
}
