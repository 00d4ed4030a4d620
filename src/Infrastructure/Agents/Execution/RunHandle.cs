using EventAgents.Infrastructure.Agents.Runs;

namespace EventAgents.Infrastructure.Agents.Execution;

/// <summary>A run in progress on this instance: why it should stop, if it should.</summary>
internal sealed class RunHandle(ClaimedRun run) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public ClaimedRun Run { get; } = run;

    public Task? Execution { get; set; }

    public bool CancelRequested { get; private set; }

    public bool LeaseLost { get; private set; }

    /// <summary>Cancelled when the run was cancelled or its lease was lost.</summary>
    public CancellationToken Stopped => _stop.Token;

    /// <summary>A cancel was asked for: the run is cancelling now, and the attempt stops.</summary>
    public void RequestCancel()
    {
        Run.Lease.Status = Domain.Agents.RunStatus.Cancelling;
        CancelRequested = true;
        Cancel();
    }

    public void LoseLease()
    {
        LeaseLost = true;
        Cancel();
    }

    public void Dispose() => _stop.Dispose();

    private void Cancel()
    {
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run has already ended.
        }
    }
}

/// <summary>The run's lease was taken over by another instance: this one must write nothing more.</summary>
internal sealed class LeaseLostException() : Exception("The run's lease was lost.");

/// <summary>The model still asked for tools when the run's step limit was reached.</summary>
internal sealed class MaxStepsExceededException(int maxSteps) : Exception($"The run reached its limit of {maxSteps} model calls.");
