using EventAgents.Application.Common.Consistency;
using Npgsql;
using NpgsqlTypes;

namespace EventAgents.Infrastructure.Persistence.Replicas;

/// <summary>
/// Consistency tokens for writes: the primary's WAL position read after the write committed. Concurrent writes share one
/// query, but only one that started after each of them asked — so every token covers its own commit — and a burst of
/// writes costs one round trip per query in flight, not one each.
/// </summary>
internal sealed class PrimaryWalPosition(NpgsqlDataSource primary, ReplicaSet replicas) : IWriteConsistency
{
    private const string Sql = "SELECT pg_current_wal_lsn()";

    private readonly Lock _gate = new();
    private TaskCompletionSource<ulong>? _waiting;
    private bool _querying;

    public bool Enabled => replicas.Any;

    public async Task<ConsistencyToken?> AfterCommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            return new ConsistencyToken(await NextPositionAsync().WaitAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // The write is done; without a token the client's next read is only as fresh as the replica lag bound.
            return null;
        }
    }

    private Task<ulong> NextPositionAsync()
    {
        Task<ulong> next;
        lock (_gate)
        {
            _waiting ??= new TaskCompletionSource<ulong>(TaskCreationOptions.RunContinuationsAsynchronously);
            next = _waiting.Task;
            if (!_querying)
            {
                _querying = true;
                _ = Task.Run(QueryWhileAskedAsync, CancellationToken.None);
            }
        }

        return next;
    }

    private async Task QueryWhileAskedAsync()
    {
        while (true)
        {
            TaskCompletionSource<ulong>? asked;
            lock (_gate)
            {
                asked = _waiting;
                _waiting = null;
                if (asked is null)
                {
                    _querying = false;
                    return;
                }
            }

            try
            {
                await using var command = primary.CreateCommand(Sql);
                asked.SetResult(ReplicaSet.ToUInt64((NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync())!));
            }
            catch (Exception ex)
            {
                asked.SetException(ex);
            }
        }
    }
}
