namespace EventAgents.Domain.Events;

/// <summary>
/// Event types the service writes about itself — run lifecycle, document changes, webhook notices. Agents cannot be
/// triggered by them: a trigger on the service's own events would let runs beget runs.
/// </summary>
public static class ReservedEventTypes
{
    private static readonly string[] Prefixes = ["agent.run.", "document.", "webhook.", "schema.", "eventagents."];

    public static bool IsReserved(string? eventType) =>
        eventType is not null && Prefixes.Any(prefix => eventType.StartsWith(prefix, StringComparison.Ordinal));

    public static string Description => string.Join(", ", Prefixes.Select(prefix => prefix + "*"));
}
