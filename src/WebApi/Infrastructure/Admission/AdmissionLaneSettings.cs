namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>How one <see cref="AdmissionLane"/> limits, queues and judges overload.</summary>
/// <param name="FixedLimit">The limit when it is not adaptive.</param>
/// <param name="QueueLimit">Waiting requests beyond which the lane is overloaded; 0 never queues.</param>
/// <param name="MaxQueueWait">The longest wait before the lane counts as overloaded; zero or less: no time bound.</param>
/// <param name="OverloadedQueueWait">While overloaded, the longest a request may wait.</param>
/// <param name="OverloadHold">How long an overload outlasts the last request it shed.</param>
/// <param name="Window">How often the limit is updated from the latency of the requests that finished.</param>
internal sealed record AdmissionLaneSettings(
    int FixedLimit,
    int QueueLimit,
    TimeSpan MaxQueueWait,
    TimeSpan OverloadedQueueWait,
    TimeSpan OverloadHold,
    TimeSpan Window);
