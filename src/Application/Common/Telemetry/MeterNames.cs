namespace EventAgents.Application.Common.Telemetry;

/// <summary>The name of the service's own meter, on which every layer records its instruments.</summary>
public static class MeterNames
{
    public const string Service = "EventAgents";
}
