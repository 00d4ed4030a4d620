using EventAgents.Infrastructure.Events.Appending;
using Npgsql;

namespace EventAgents.Infrastructure.Events.Batching;

/// <summary>
/// Group commit of guarded system appends (<see cref="AppendStatement.Guarded"/>: a run's step, the end of an attempt, a new
/// run): those of one tenant that arrive while another group is in flight are sent as one batch, i.e. one implicit
/// transaction and one commit, each statement still deciding on its own guard. Without it every lifecycle write was a
/// transaction of its own on the tenant's log lock, and a crowd of them waited on it (issue #17).
/// Writes whose guard lock run rows another transaction may hold while waiting for the tenant's log lock (the claim holds
/// queued runs) must not come here: a queued run is never written through it.
/// </summary>
internal sealed class GuardedAppendBatcher(NpgsqlDataSource dataSource, EventAnnouncer announcer)
{
    /// <summary>Writes per group: one statement each, so a group stays a modest batch.</summary>
    public const int MaxGroup = 64;

    private TenantWriteQueue<NpgsqlBatchCommand, bool>? _queue;

    /// <summary>Runs a guarded append, alone or in a group; false when its guard let nothing happen.</summary>
    public Task<bool> TryAppendAsync(Guid tenantId, NpgsqlBatchCommand guarded) =>
        LazyInitializer.EnsureInitialized(ref _queue, () => new(MaxGroup, MaxGroup, static _ => 1, WriteGroupAsync))
        .WriteAsync(tenantId, guarded);

    private async Task<bool[]> WriteGroupAsync(Guid tenantId, List<NpgsqlBatchCommand> group)
    {
        bool[] results;
        try
        {
            results = await WriteAsync(group);
        }
        catch (PostgresException) when (group.Count > 1)
        {
            // One write's error (or a deadlock victim) rolls back the whole batch: each goes again on its own.
            results = new bool[group.Count];
            for (var i = 0; i < group.Count; i++)
            {
                results[i] = (await WriteAsync([Detached(group[i])]))[0];
            }
        }

        if (results.Contains(true))
        {
            announcer.Committed(tenantId);
        }

        return results;
    }

    private async Task<bool[]> WriteAsync(List<NpgsqlBatchCommand> group)
    {
        var results = new bool[group.Count];
        await using var batch = dataSource.CreateBatch();
        foreach (var command in group)
        {
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync();
        for (var i = 0; i < group.Count; i++)
        {
            if (i > 0)
            {
                await reader.NextResultAsync();
            }

            results[i] = await AppendStatement.ReadGuardedAsync(reader);
        }

        return results;
    }

    /// <summary>A command can belong to one batch only: a copy for a batch of its own.</summary>
    private static NpgsqlBatchCommand Detached(NpgsqlBatchCommand command)
    {
        var copy = new NpgsqlBatchCommand(command.CommandText);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            copy.Parameters.Add(parameter.Clone());
        }

        return copy;
    }
}
