namespace EventAgents.Application.Events;

/// <summary>Which part of the tenant's global log a read or a live feed covers.</summary>
public interface ILogFilter
{
    /// <summary>Exclusive start position.</summary>
    long After { get; }

    /// <summary>Only events of these types (none: every type).</summary>
    IReadOnlyList<string> Types { get; }

    /// <summary>Only events of streams whose id starts with this.</summary>
    string? StreamPrefix { get; }
}
