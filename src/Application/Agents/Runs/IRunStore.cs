namespace EventAgents.Application.Agents.Runs;

/// <summary>Runs as the API sees them; every call is bound to a tenant.</summary>
public interface IRunStore
{
    /// <summary>
    /// Queues a run and its <c>agent.run.queued</c> event atomically. With a key: the same key and request return the
    /// first run; a different request with the key is a 422; the key still held by a request in flight is a 409.
    /// </summary>
    Task<StartedRun> StartAsync(NewRun run, IdempotencyKey? key, CancellationToken cancellationToken);

    Task<RunDto?> GetAsync(Guid tenantId, Guid runId, CancellationToken cancellationToken);

    /// <summary>Newest first, strictly before <paramref name="beforeId"/>.</summary>
    Task<IReadOnlyList<RunDto>> ListAsync(
        Guid tenantId, Guid? agentId, string? status, Guid? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>Cancels a queued run at once, asks a running one to stop; null when the run does not exist.</summary>
    Task<RunDto?> CancelAsync(Guid tenantId, Guid runId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RunStepDto>?> GetStepsAsync(Guid tenantId, Guid runId, CancellationToken cancellationToken);
}
