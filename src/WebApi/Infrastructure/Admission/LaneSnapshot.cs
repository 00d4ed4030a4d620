namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>One lane's state at a moment, for metrics, health and logs.</summary>
internal sealed record LaneSnapshot(
    int Limit,
    int InFlight,
    int Queued,
    bool Overloaded,
    TimeSpan NoLoadLatency,
    TimeSpan TargetLatency,
    double DeparturesPerSecond,
    long Admitted,
    long Rejected);
