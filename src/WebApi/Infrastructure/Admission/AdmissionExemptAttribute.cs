namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>
/// Endpoint metadata: requests to this endpoint bypass admission control. Only for what must never wait for a slot or hold
/// one: live streams (they last for hours and have their own per-client cap), health probes and the metrics scrape.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false)]
internal sealed class AdmissionExemptAttribute : Attribute;
