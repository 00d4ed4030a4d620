using System.Collections.Concurrent;
using Npgsql;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// Group commit of concurrent appends of one tenant. A tenant's appends are serialised by its es_tenant_logs row lock from
/// the first statement to the commit, so one append per WAL flush would be the ceiling. Instead, appends that arrive while
/// another is in flight queue up, and one caller (the leader) writes the queued ones in a single transaction — each inside its
/// own savepoint, so one append's conflict never affects another's — and commits once. The guarantees are those of a single
/// append: all of a request's events or none, versions checked under the lock, positions in commit order.
/// </summary>
internal sealed class GroupCommitAppender(NpgsqlDataSource dataSource)
{
    /// <summary>Below PostgreSQL's 64 cached subtransactions per backend, beyond which savepoints get slow.</summary>
    public const int MaxBatch = 32;

    private readonly ConcurrentDictionary<Guid, TenantQueue> _queues = new();

    /// <summary>Runs one append statement in a transaction of its own or of a group; returns its rows or throws its error.</summary>
    public async Task<IReadOnlyList<object[]>> AppendAsync(Guid tenantId, string sql, IReadOnlyList<NpgsqlParameter> parameters)
    {
        var queue = _queues.GetOrAdd(tenantId, _ => new TenantQueue());
        var pending = new PendingAppend(sql, parameters);
        queue.Items.Enqueue(pending);
        await DrainAsync(queue, pending);
        return await pending.Completion.Task;
    }

    /// <summary>
    /// Whoever finds items and no leader becomes the leader and writes groups until its own append is done; then it steps
    /// down and, if more are queued, hands the queue to a thread-pool leader, so no request waits on other requests' groups
    /// for longer than one group, and no item is ever stranded.
    /// </summary>
    private async Task DrainAsync(TenantQueue queue, PendingAppend? own)
    {
        while (!queue.Items.IsEmpty && Interlocked.CompareExchange(ref queue.Leader, 1, 0) == 0)
        {
            try
            {
                while (TakeBatch(queue) is { Count: > 0 } batch)
                {
                    await WriteAsync(batch);
                    if (own is not null && own.Completion.Task.IsCompleted)
                    {
                        break;
                    }
                }
            }
            finally
            {
                Volatile.Write(ref queue.Leader, 0);
            }

            if (own is not null && own.Completion.Task.IsCompleted)
            {
                if (!queue.Items.IsEmpty)
                {
                    _ = Task.Run(() => DrainAsync(queue, null));
                }

                return;
            }
        }
    }

    private static List<PendingAppend> TakeBatch(TenantQueue queue)
    {
        var batch = new List<PendingAppend>(Math.Min(MaxBatch, queue.Items.Count));
        while (batch.Count < MaxBatch && queue.Items.TryDequeue(out var item))
        {
            batch.Add(item);
        }

        return batch;
    }

    private async Task WriteAsync(List<PendingAppend> batch)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            if (batch.Count == 1)
            {
                // Alone: one autocommit statement, no transaction round trips.
                await using var command = new NpgsqlCommand(batch[0].Sql, connection);
                command.Parameters.AddRange(batch[0].Parameters.ToArray());
                await using var reader = await command.ExecuteReaderAsync();
                batch[0].Rows = await ReadRowsAsync(reader);
            }
            else
            {
                await WriteGroupAsync(connection, batch);
            }
        }
        catch (Exception ex)
        {
            foreach (var item in batch.Where(i => i.Error is null))
            {
                item.Error = ex;
            }
        }

        foreach (var item in batch)
        {
            if (item.Error is not null)
            {
                item.Completion.TrySetException(item.Error);
            }
            else
            {
                item.Completion.TrySetResult(item.Rows!);
            }
        }
    }

    /// <summary>
    /// The whole group in one round trip (savepoint, append, release for each), then one commit. When an append fails, the
    /// server skips the rest of the round trip; the transaction is rolled back to that append's savepoint and the appends after
    /// it are sent again.
    /// </summary>
    private static async Task WriteGroupAsync(NpgsqlConnection connection, List<PendingAppend> batch)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var next = 0;
        while (next < batch.Count)
        {
            var failed = await WriteFromAsync(connection, transaction, batch, next);
            if (failed is null)
            {
                break;
            }

            await transaction.RollbackAsync("append");
            next = failed.Value + 1;
        }

        await transaction.CommitAsync();
    }

    /// <summary>Sends the appends from <paramref name="first"/> on; returns the index of the one that failed, if any.</summary>
    private static async Task<int?> WriteFromAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<PendingAppend> batch, int first)
    {
        await using var commands = new NpgsqlBatch(connection, transaction);
        for (var i = first; i < batch.Count; i++)
        {
            commands.BatchCommands.Add(new NpgsqlBatchCommand("SAVEPOINT append"));
            var append = new NpgsqlBatchCommand(batch[i].Sql);
            append.Parameters.AddRange(batch[i].Parameters.Select(p => p.Clone()).ToArray());
            commands.BatchCommands.Add(append);
            commands.BatchCommands.Add(new NpgsqlBatchCommand("RELEASE SAVEPOINT append"));
        }

        // Results arrive in order. 'current' is the append whose result the reader is moving to, so an error raised while
        // moving belongs to it, whether or not the reader stops on the result-less SAVEPOINT/RELEASE commands in between.
        var current = first;
        try
        {
            await using var reader = await commands.ExecuteReaderAsync();
            for (var i = first; i < batch.Count; i++)
            {
                current = i;
                batch[i].Rows = await ReadRowsAsync(reader);
                current = i + 1;
                await reader.NextResultAsync();
            }

            while (await reader.NextResultAsync())
            {
            }

            return null;
        }
        catch (PostgresException ex) when (current < batch.Count)
        {
            for (var i = current; i < batch.Count; i++)
            {
                batch[i].Rows = null;
            }

            batch[current].Error = ex;
            return current;
        }
    }

    /// <summary>Reads the first result set that has columns (the append's rows).</summary>
    private static async Task<IReadOnlyList<object[]>> ReadRowsAsync(NpgsqlDataReader reader)
    {
        while (reader.FieldCount == 0 && await reader.NextResultAsync())
        {
        }

        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }

        return rows;
    }

    private sealed class TenantQueue
    {
        public readonly ConcurrentQueue<PendingAppend> Items = new();
        public int Leader;
    }

    private sealed class PendingAppend(string sql, IReadOnlyList<NpgsqlParameter> parameters)
    {
        public string Sql { get; } = sql;

        public IReadOnlyList<NpgsqlParameter> Parameters { get; } = parameters;

        public TaskCompletionSource<IReadOnlyList<object[]>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<object[]>? Rows { get; set; }

        public Exception? Error { get; set; }
    }
}
