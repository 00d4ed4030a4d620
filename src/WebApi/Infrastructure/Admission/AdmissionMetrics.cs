using System.Diagnostics.Metrics;
using EventAgents.Application.Common.Telemetry;

namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>
/// Admission control's figures on the service's meter (exported with the others over OTLP and /metrics), per class of work:
/// the current limit, requests in progress and waiting, whether the class is overloaded, and how long admitted requests
/// or were shed after. Shed requests are also counted by <c>eventagents.requests.rejected{reason=overload}</c>.
/// </summary>
internal sealed class AdmissionMetrics
{
    private readonly Histogram<double> _queueDelay;

    public AdmissionMetrics(IMeterFactory meters, AdmissionController admission)
    {
        var meter = meters.Create(MeterNames.Service);
        meter.CreateObservableGauge("eventagents.admission.limit", () => Observe(admission, s => s.Limit), "{request}",
            "Requests that may be in progress at once, per class of work (adapts to latency unless fixed).");
        meter.CreateObservableGauge("eventagents.admission.in_flight", () => Observe(admission, s => s.InFlight), "{request}",
            "Requests in progress, per class of work.");
        meter.CreateObservableGauge("eventagents.admission.queued", () => Observe(admission, s => s.Queued), "{request}",
            "Requests waiting for a slot, per class of work.");
        meter.CreateObservableGauge("eventagents.admission.overloaded", () => Observe(admission, s => s.Overloaded ? 1 : 0), "1",
            "1 while a class of work is overloaded and sheds what it cannot serve in time.");
        _queueDelay = meter.CreateHistogram("eventagents.admission.queue_delay", "s",
            "How long requests waited for a slot before they were admitted or shed, per class of work and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
    }

    public void Waited(AdmissionLane lane, TimeSpan delay, bool admitted) =>
        _queueDelay.Record(
            delay.TotalSeconds,
            new KeyValuePair<string, object?>("class", lane.Name),
            new KeyValuePair<string, object?>("outcome", admitted ? "admitted" : "shed"));

    private static IEnumerable<Measurement<int>> Observe(AdmissionController admission, Func<LaneSnapshot, int> value)
    {
        var now = admission.Now;
        return
        [
            new Measurement<int>(value(admission.Reads.Snapshot(now)), new KeyValuePair<string, object?>("class", admission.Reads.Name)),
            new Measurement<int>(value(admission.Writes.Snapshot(now)), new KeyValuePair<string, object?>("class", admission.Writes.Name)),
        ];
    }
}
