using System.Collections.Concurrent;
using EventAgents.Application.Events;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// One pulse per tenant: a task completed and replaced on every notification. Readers take the current task before they
/// read, so a notification that arrives between their read and their wait is never lost.
/// </summary>
internal sealed class EventNotifications : IEventNotifications
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _pulses = new();

    public Task NextAsync(Guid tenantId) =>
        _pulses.GetOrAdd(tenantId, _ => NewPulse()).Task;

    public void Notify(Guid tenantId)
    {
        if (_pulses.TryRemove(tenantId, out var pulse))
        {
            pulse.TrySetResult();
        }
    }

    public void NotifyAll()
    {
        foreach (var tenantId in _pulses.Keys)
        {
            Notify(tenantId);
        }
    }

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
