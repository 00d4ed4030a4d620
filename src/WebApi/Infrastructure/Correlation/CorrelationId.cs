using System.Buffers;

namespace EventAgents.WebApi.Infrastructure.Correlation;

/// <summary>The rules for a caller-supplied correlation id.</summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-ID";
    public const string LogProperty = "CorrelationId";
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    public static bool IsValid(string? candidate) =>
        !string.IsNullOrEmpty(candidate)
        && candidate.Length <= MaxLength
        && !candidate.AsSpan().ContainsAnyExcept(Allowed);

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>The correlation id of the request (set by <see cref="CorrelationIdMiddleware"/>).</summary>
    public static string Of(HttpContext context) => context.TraceIdentifier;
}
