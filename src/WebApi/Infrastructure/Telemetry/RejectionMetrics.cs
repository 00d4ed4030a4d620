using System.Diagnostics.Metrics;
using EventAgents.Application.Common.Telemetry;

namespace EventAgents.WebApi.Infrastructure.Telemetry;

/// <summary>Counts requests the API refused before they reached a controller (<c>eventagents.requests.rejected</c>, by reason).</summary>
public sealed class RejectionMetrics
{
    private readonly Counter<long> _rejections;

    public RejectionMetrics(IMeterFactory meters) =>
        _rejections = meters.Create(MeterNames.Service)
            .CreateCounter<long>("eventagents.requests.rejected", "{request}", "Requests refused by a rate or concurrency limit, by reason.");

    public void RequestRejected(string reason) => _rejections.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
