using EventAgents.Infrastructure.Agents.Runs;

namespace EventAgents.Infrastructure.Agents.Execution;

internal static class RunStepRecording
{
    /// <summary>Records a step fenced on the lease; a lost lease ends the attempt (another instance owns the run now).</summary>
    public static async Task RecordOrLoseLeaseAsync(this RunQueue queue, RunLease lease, RunStep step)
    {
        if (lease.DeferredStep is { } deferred)
        {
            lease.DeferredStep = null;
            await queue.RecordOrLoseLeaseAsync(lease, deferred);
        }

        if (!await queue.RecordStepAsync(lease, step))
        {
            throw new LeaseLostException();
        }
    }
}
