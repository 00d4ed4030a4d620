namespace EventAgents.Application.Common.Behaviours;

/// <summary>Configuration section <c>Diagnostics</c>.</summary>
public sealed class MessageLoggingOptions
{
    public const string SectionName = "Diagnostics";

    /// <summary>Messages slower than this are logged as warnings.</summary>
    public int SlowMessageThresholdMs { get; set; } = 500;
}
