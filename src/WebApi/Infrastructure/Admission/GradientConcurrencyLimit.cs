namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>
/// An adaptive concurrency limit: a gradient controller after Envoy's adaptive concurrency filter and Netflix's Gradient2.
/// Once per window of completed requests, the window's average latency is compared with a target — the no-load latency times
/// a tolerance, never below a floor — and the limit is scaled by that ratio (between ½ and 2), plus a headroom of √limit.
/// Latency at the target or below lets the limit grow, but only while it is being used; latency above it shrinks the limit.
/// The no-load latency is the lowest window average of the last few minutes, so a service that stays busy keeps the
/// baseline it had when it was not. Pure: no clock and no threads; the caller feeds the windows.
/// </summary>
public sealed class GradientConcurrencyLimit
{
    /// <summary>
    /// Each window moves the limit a fifth of the way to what the window proposes, both ways: a noisy window (a GC pause, a
    /// checkpoint) must neither double nor halve it, while a lasting change moves it by ×2 or ×½ within a second or two.
    /// </summary>
    private const double Smoothing = 0.2;
    private static readonly TimeSpan BaselineHorizon = TimeSpan.FromMinutes(5);

    private readonly int _min;
    private readonly int _max;
    private readonly double _tolerance;
    private readonly TimeSpan _targetFloor;
    private double _limit;
    private TimeSpan _baselineCurrent = TimeSpan.MaxValue;
    private TimeSpan _baselinePrevious = TimeSpan.MaxValue;
    private TimeSpan _baselineBucketStart;

    public GradientConcurrencyLimit(int min, int max, double tolerance, TimeSpan targetFloor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, 1.0);
        _min = min;
        _max = max;
        _tolerance = tolerance;
        _targetFloor = targetFloor;
        _limit = min;
    }

    /// <summary>Requests that may be in progress at once.</summary>
    public int Limit => (int)Math.Round(_limit);

    /// <summary>The lowest window latency seen over the last few minutes (zero before the first window).</summary>
    public TimeSpan NoLoadLatency => Min(_baselineCurrent, _baselinePrevious) is var low && low == TimeSpan.MaxValue ? TimeSpan.Zero : low;

    /// <summary>The latency the limit steers towards.</summary>
    public TimeSpan TargetLatency => NoLoadLatency * _tolerance is var target && target > _targetFloor ? target : _targetFloor;

    /// <summary>
    /// Feeds one window: the average latency of the requests that finished in it (or, when none did, how long the ones in
    /// progress have been stuck), and the most requests that were in progress at once. Returns the new limit.
    /// </summary>
    public int Update(TimeSpan latency, int maxInFlight, TimeSpan now)
    {
        if (latency <= TimeSpan.Zero)
        {
            latency = TimeSpan.FromTicks(1);
        }

        RecordBaseline(latency, now);
        var gradient = Math.Clamp(TargetLatency / latency, 0.5, 2.0);
        // A limit nobody is near says nothing about what the service could take: do not grow it.
        if (gradient >= 1.0 && maxInFlight < _limit / 2)
        {
            return Limit;
        }

        var proposed = (_limit * gradient) + Math.Sqrt(_limit);
        _limit = Math.Clamp(_limit + (Smoothing * (proposed - _limit)), _min, _max);
        return Limit;
    }

    private void RecordBaseline(TimeSpan latency, TimeSpan now)
    {
        if (now - _baselineBucketStart >= BaselineHorizon / 2)
        {
            _baselinePrevious = _baselineCurrent;
            _baselineCurrent = TimeSpan.MaxValue;
            _baselineBucketStart = now;
        }

        _baselineCurrent = Min(_baselineCurrent, latency);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
