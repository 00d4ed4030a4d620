namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>
/// The instance-wide side of overload: when one class of work is overloaded, the instance is at capacity (the classes share
/// the CPU, the connection pool and the database), so the other classes stop letting requests wait long too. Only a lane's
/// own overload extends it; a lane that sheds because of it does not.
/// </summary>
internal sealed class OverloadSignal
{
    private long _untilTicks = long.MinValue;

    public bool IsActive(TimeSpan now) => now.Ticks < Volatile.Read(ref _untilTicks);

    public void Extend(TimeSpan until)
    {
        var current = Volatile.Read(ref _untilTicks);
        while (until.Ticks > current)
        {
            var seen = Interlocked.CompareExchange(ref _untilTicks, until.Ticks, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
