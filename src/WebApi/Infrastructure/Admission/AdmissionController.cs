using Microsoft.Extensions.Options;

namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>
/// The instance's admission control: one <see cref="AdmissionLane"/> per <see cref="WorkClass"/>, the clock they run on, the
/// housekeeping timer, and the shed share over the last seconds that readiness reports.
/// </summary>
internal sealed partial class AdmissionController : IDisposable
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan OverloadHold = TimeSpan.FromSeconds(1);
    private const int ShedHistorySeconds = 10;

    private readonly TimeProvider _time;
    private readonly long _epoch;
    private readonly Thread _ticker;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger<AdmissionController> _logger;
    private readonly (long Admitted, long Rejected)[] _history = new (long, long)[ShedHistorySeconds + 1];
    private int _ticks;
    private int _historyHead;

    public AdmissionController(IOptions<AdmissionOptions> options, TimeProvider time, ILogger<AdmissionController> logger)
    {
        var settings = options.Value;
        _time = time;
        _logger = logger;
        _epoch = time.GetTimestamp();
        Enabled = settings.Enabled;
        RetryAfterSeconds = Math.Max(1, settings.RetryAfterSeconds);
        Overloaded = new OverloadSignal();
        Reads = CreateLane(WorkClass.Read, settings, Overloaded);
        Writes = CreateLane(WorkClass.Write, settings, Overloaded);
        // A thread of its own rather than a timer: under overload the thread pool's queue is long, and the housekeeping that
        // sheds overstayed requests and notices a stalled dependency must not wait in it.
        _ticker = new Thread(TickUntilStopped) { IsBackground = true, Name = "admission-tick" };
        _ticker.Start();
    }

    public bool Enabled { get; }

    public int RetryAfterSeconds { get; }

    public AdmissionLane Reads { get; }

    public AdmissionLane Writes { get; }

    /// <summary>The monotonic time the lanes run on.</summary>
    public TimeSpan Now => _time.GetElapsedTime(_epoch);

    /// <summary>Set while any class of work is overloaded.</summary>
    public OverloadSignal Overloaded { get; }

    /// <summary>Reads (GET, HEAD, OPTIONS) or writes (everything else).</summary>
    public AdmissionLane LaneFor(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) ? Reads : Writes;

    /// <summary>The share of requests shed over the last seconds (0 when there were none).</summary>
    public double RecentShedShare()
    {
        lock (_history)
        {
            var newest = _history[_historyHead];
            var oldest = _history[(_historyHead + 1) % _history.Length];
            var admitted = newest.Admitted - oldest.Admitted;
            var rejected = newest.Rejected - oldest.Rejected;
            return admitted + rejected == 0 ? 0 : (double)rejected / (admitted + rejected);
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _ticker.Join(TimeSpan.FromSeconds(1));
        _stopping.Dispose();
    }

    private void TickUntilStopped()
    {
        while (!_stopping.Token.WaitHandle.WaitOne(Window))
        {
            Tick();
        }
    }

    private AdmissionLane CreateLane(WorkClass workClass, AdmissionOptions settings, OverloadSignal instance)
    {
        var adaptive = settings.MaxConcurrentRequests > 0
            ? null
            : new GradientConcurrencyLimit(
                Math.Max(1, settings.MinConcurrency),
                Math.Max(Math.Max(1, settings.MinConcurrency), settings.MaxConcurrency),
                Math.Max(1.0, settings.LatencyTolerance),
                TimeSpan.FromMilliseconds(Math.Max(0, settings.MinTargetLatencyMilliseconds)));
        var lane = new AdmissionLane(
            workClass.ToString().ToLowerInvariant(),
            new AdmissionLaneSettings(
                settings.MaxConcurrentRequests,
                Math.Max(0, settings.QueueLimit),
                TimeSpan.FromMilliseconds(settings.MaxQueueMilliseconds),
                TimeSpan.FromMilliseconds(Math.Max(0, settings.OverloadedQueueMilliseconds)),
                OverloadHold,
                Window),
            adaptive,
            instance);
        lane.LimitChanged += (changed, old, limit) => LogLimitChanged(changed.Name, old, limit);
        lane.OverloadChanged += (changed, overloaded) =>
        {
            if (overloaded)
            {
                LogOverloaded(changed.Name);
            }
            else
            {
                LogRecovered(changed.Name);
            }
        };
        return lane;
    }

    private void Tick()
    {
        var now = Now;
        Reads.Tick(now);
        Writes.Tick(now);
        if (Interlocked.Increment(ref _ticks) % (int)(TimeSpan.FromSeconds(1) / Window) != 0)
        {
            return;
        }

        var reads = Reads.Snapshot(now);
        var writes = Writes.Snapshot(now);
        lock (_history)
        {
            _historyHead = (_historyHead + 1) % _history.Length;
            _history[_historyHead] = (reads.Admitted + writes.Admitted, reads.Rejected + writes.Rejected);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Admission limit for {WorkClass} requests: {OldLimit} -> {NewLimit}")]
    private partial void LogLimitChanged(string workClass, int oldLimit, int newLimit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Overloaded: shedding {WorkClass} requests that cannot be served in time")]
    private partial void LogOverloaded(string workClass);

    [LoggerMessage(Level = LogLevel.Information, Message = "No longer overloaded: {WorkClass} requests are queued again")]
    private partial void LogRecovered(string workClass);
}
