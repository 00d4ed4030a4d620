namespace EventAgents.Application.Common.Exceptions;

/// <summary>The resource was erased for good and can never be written again (410).</summary>
public class GoneException(string problemType, string message) : Exception(message)
{
    /// <summary>The last segment of the problem type URI, e.g. <c>stream-erased</c>.</summary>
    public string ProblemType { get; } = problemType;
}
