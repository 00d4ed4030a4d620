namespace EventAgents.Application.Common.Exceptions;

/// <summary>
/// A tenant reached one of its quotas: 422 when it holds until the tenant frees something (agents, webhooks, triggered runs of
/// one append), 429 with <see cref="RetryAfterSeconds"/> when it lifts by itself (runs per minute), 507 for storage.
/// </summary>
public sealed class QuotaExceededException(string problemType, string message, int? retryAfterSeconds = null, int status = 422) : Exception(message)
{
    /// <summary>The HTTP status of the problem when no <see cref="RetryAfterSeconds"/> applies.</summary>
    public int Status { get; } = status;

    /// <summary>The last segment of the problem type URI, e.g. <c>agent-quota</c>.</summary>
    public string ProblemType { get; } = problemType;

    public int? RetryAfterSeconds { get; } = retryAfterSeconds;
}
