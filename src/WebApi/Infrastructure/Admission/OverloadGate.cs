using System.Collections.Concurrent;
using System.Net;

namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>
/// The cheap first line of shedding, in front of authentication: only while the instance is overloaded, each caller address
/// may send through to admission control (which chooses fairly per tenant) its share of twice what its class of work can
/// serve per second, as a token bucket; the rest is shed at once, before it costs a token validation. Shedding the bulk of a
/// flood this early keeps the CPU for the requests that are accepted, and a caller that slows down (or the flood ending)
/// is let through again within a fraction of a second. Addresses are what the connection (or a trusted proxy) says.
/// </summary>
internal sealed class OverloadGate(AdmissionController admission)
{
    private const double Headroom = 2.0;
    private static readonly TimeSpan Burst = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();
    private int _addresses;

    public bool ShouldShed(HttpContext context)
    {
        var now = admission.Now;
        if (!admission.Overloaded.IsActive(now))
        {
            if (!_buckets.IsEmpty)
            {
                _buckets.Clear();
                Volatile.Write(ref _addresses, 0);
            }

            return false;
        }

        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        var bucket = _buckets.GetOrAdd(address, static (_, gate) =>
        {
            Interlocked.Increment(ref gate._addresses);
            return new Bucket();
        }, this);
        var perSecond = Headroom * admission.LaneFor(context.Request.Method).CapacityPerSecond / Math.Max(1, Volatile.Read(ref _addresses));
        return !bucket.TryTake(now, perSecond, Burst);
    }

    private sealed class Bucket
    {
        private readonly Lock _gate = new();
        private double _tokens = double.NaN;
        private TimeSpan _refilled;

        public bool TryTake(TimeSpan now, double perSecond, TimeSpan burst)
        {
            var capacity = Math.Max(1.0, perSecond * burst.TotalSeconds);
            lock (_gate)
            {
                _tokens = double.IsNaN(_tokens) ? capacity : Math.Min(capacity, _tokens + (perSecond * (now - _refilled).TotalSeconds));
                _refilled = now;
                if (_tokens < 1.0)
                {
                    return false;
                }

                _tokens -= 1.0;
                return true;
            }
        }
    }
}
