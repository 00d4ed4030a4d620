using System.Diagnostics.Metrics;
using EventAgents.Application.Common.Telemetry;

namespace EventAgents.Infrastructure.Telemetry;

/// <summary>
/// The service's own metrics (meter <c>EventAgents</c>), exported with the runtime's and ASP.NET Core's through OpenTelemetry.
/// Tags never carry tenant ids or other unbounded values.
/// </summary>
public sealed class EventAgentsMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _eventsAppended;
    private readonly Counter<long> _appendConflicts;
    private readonly Counter<long> _documentsWritten;
    private readonly Histogram<int> _appendGroupSize;
    private readonly Histogram<double> _appendGroupDuration;
    private readonly Counter<long> _runsFinished;
    private readonly Histogram<double> _runAttemptDuration;
    private readonly Counter<long> _webhookDeliveries;
    private readonly Counter<long> _eventsScavenged;
    private readonly Counter<long> _streamsScavenged;
    private readonly Counter<long> _offboardingRowsErased;
    private readonly Counter<long> _readsRouted;
    private long _queuedRuns;

    public EventAgentsMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterNames.Service);
        _eventsAppended = _meter.CreateCounter<long>("eventagents.events.appended", "{event}", "Events appended (idempotent replays excluded).");
        _appendConflicts = _meter.CreateCounter<long>("eventagents.events.append_conflicts", "{append}", "Appends refused for a wrong expected version.");
        _appendGroupSize = _meter.CreateHistogram<int>("eventagents.appends.group.size", "{append}", "Appends written together by one group commit.");
        _appendGroupDuration = _meter.CreateHistogram<double>("eventagents.appends.group.duration", "s", "How long a group commit took, from connection to commit.");
        _documentsWritten = _meter.CreateCounter<long>("eventagents.documents.written", "{write}", "Document creates, replaces, patches and deletes.");
        _runsFinished = _meter.CreateCounter<long>("eventagents.runs.finished", "{run}", "Runs that reached a final status, by status.");
        _runAttemptDuration = _meter.CreateHistogram<double>("eventagents.runs.attempt.duration", "s", "How long run attempts took, by outcome.");
        _webhookDeliveries = _meter.CreateCounter<long>("eventagents.webhooks.deliveries", "{attempt}", "Webhook delivery attempts, by outcome.");
        _eventsScavenged = _meter.CreateCounter<long>("eventagents.scavenger.events_removed", "{event}", "Events removed from storage by retention and deletes.");
        _streamsScavenged = _meter.CreateCounter<long>("eventagents.scavenger.streams_visited", "{stream}", "Streams the scavenger visited.");
        _offboardingRowsErased = _meter.CreateCounter<long>("eventagents.offboarding.rows_erased", "{row}", "Rows of offboarded tenants erased.");
        _readsRouted = _meter.CreateCounter<long>("eventagents.reads.routed", "{read}", "Reads that may use a replica, by where they went (replica, primary).");
        _meter.CreateObservableGauge("eventagents.runs.queued", () => Volatile.Read(ref _queuedRuns), "{run}", "Runs waiting for a worker (sampled by the sweeper).");
    }

    public void EventsAppended(int count) => _eventsAppended.Add(count);

    public void AppendConflict() => _appendConflicts.Add(1);

    public void Scavenged(long events)
    {
        _streamsScavenged.Add(1);
        _eventsScavenged.Add(events);
    }

    public void ReadRouted(string target) => _readsRouted.Add(1, new KeyValuePair<string, object?>("target", target));

    public void OffboardingErased(long rows) => _offboardingRowsErased.Add(rows);

    public void DocumentWritten() => _documentsWritten.Add(1);

    public void AppendGroup(int size, TimeSpan duration)
    {
        _appendGroupSize.Record(size);
        _appendGroupDuration.Record(duration.TotalSeconds);
    }

    public void RunFinished(string status) => _runsFinished.Add(1, new KeyValuePair<string, object?>("status", status));

    public void RunAttempt(string outcome, TimeSpan duration) =>
        _runAttemptDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    public void WebhookDelivery(string outcome) => _webhookDeliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void QueuedRuns(long count) => Volatile.Write(ref _queuedRuns, count);

    public void Dispose() => _meter.Dispose();
}
