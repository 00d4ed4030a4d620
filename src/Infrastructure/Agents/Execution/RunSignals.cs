using System.Collections.Concurrent;
using EventAgents.Application.Agents;
using EventAgents.Infrastructure.Persistence;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>
/// Wake-ups for run workers. Local ones take effect at once; other instances hear them through NOTIFY on
/// <see cref="Channel"/>, sent after the commit by <see cref="PostgresNotifier"/>. They are hints only: workers also poll,
/// and heartbeats carry cancellations.
/// </summary>
internal sealed class RunSignals(PostgresNotifier notifier) : IRunSignals
{
    public const string Channel = "agent_runs";
    public const string QueuedPayload = "queued";
    public const string CancelPrefix = "cancel:";

    private readonly ConcurrentDictionary<Guid, RunHandle> _active = new();
    private TaskCompletionSource _wake = NewPulse();

    /// <summary>Completes when a run may be waiting to be claimed.</summary>
    public Task NextWakeAsync() => Volatile.Read(ref _wake).Task;

    public void RunQueued()
    {
        WakeLocal();
        notifier.Send(Channel, QueuedPayload);
    }

    public void CancelRequested(Guid runId)
    {
        CancelLocal(runId);
        notifier.Send(Channel, CancelPrefix + runId.ToString("D"));
    }

    public void Track(RunHandle handle) => _active[handle.Run.Id] = handle;

    public void Untrack(RunHandle handle) => _active.TryRemove(handle.Run.Id, out _);

    public IReadOnlyCollection<RunHandle> Active => _active.Values.ToList();

    /// <summary>A notification from any instance (including this one's echo, which is harmless).</summary>
    public void OnNotification(string payload)
    {
        if (payload == QueuedPayload)
        {
            WakeLocal();
        }
        else if (payload.StartsWith(CancelPrefix, StringComparison.Ordinal) && Guid.TryParse(payload.AsSpan(CancelPrefix.Length), out var runId))
        {
            CancelLocal(runId);
        }
    }

    public void WakeLocal() => Interlocked.Exchange(ref _wake, NewPulse()).TrySetResult();

    private void CancelLocal(Guid runId)
    {
        if (_active.TryGetValue(runId, out var handle))
        {
            handle.RequestCancel();
        }
    }

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
