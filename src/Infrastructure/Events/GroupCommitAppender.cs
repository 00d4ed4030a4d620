using System.Collections.Concurrent;
using Npgsql;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// Group commit of concurrent appends of one tenant. A tenant's appends are serialised by its es_tenant_logs row lock from
/// the first statement to the commit, so one append per WAL flush would be the ceiling. Instead, appends that arrive while
/// another is in flight queue up, and one caller (the leader) writes the queued ones in a single transaction — each inside its
/// own savepoint, so one append's conflict never affects another's — and commits once. The guarantees are those of a single
/// append: all of a request's events or none, versions checked under the lock, positions in commit order.
/// A write is one or more statements (an append, or an append and a document projection); the first must take the tenant
/// lock (es_append does), so every transaction locks the tenant first, and every statement must return columns.
/// </summary>
internal sealed class GroupCommitAppender(NpgsqlDataSource dataSource, EventAnnouncer announcer)
{
    /// <summary>Below PostgreSQL's 64 cached subtransactions per backend, beyond which savepoints get slow.</summary>
    public const int MaxBatch = 32;

    private readonly ConcurrentDictionary<Guid, TenantQueue> _queues = new();

    /// <summary>Runs one append statement in a transaction of its own or of a group; returns its rows or throws its error.</summary>
    public async Task<IReadOnlyList<object[]>> AppendAsync(Guid tenantId, string sql, IReadOnlyList<NpgsqlParameter> parameters) =>
        (await WriteAsync(tenantId, [new WriteStatement(sql, parameters)]))[0];

    /// <summary>Runs one write's statements atomically, alone or in a group; returns each statement's rows or throws the error.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<object[]>>> WriteAsync(Guid tenantId, IReadOnlyList<WriteStatement> statements)
    {
        var queue = _queues.GetOrAdd(tenantId, _ => new TenantQueue(tenantId));
        var pending = new PendingAppend(statements);
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
                    await WriteBatchAsync(queue.TenantId, batch);
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

    private async Task WriteBatchAsync(Guid tenantId, List<PendingAppend> batch)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            if (batch.Count == 1)
            {
                // Alone: the statements in one implicit transaction, one round trip, no savepoints.
                await using var commands = new NpgsqlBatch(connection);
                AddStatements(commands, batch[0]);
                await using var reader = await commands.ExecuteReaderAsync();
                batch[0].Rows = await ReadResultsAsync(reader, batch[0]);
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

        if (batch.Any(i => i.Error is null))
        {
            announcer.Committed(tenantId);
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
            AddStatements(commands, batch[i]);
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
                batch[i].Rows = await ReadResultsAsync(reader, batch[i]);
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

    /// <summary>Parameters are cloned: a write that is sent again after a failure in its group needs unbound copies.</summary>
    private static void AddStatements(NpgsqlBatch commands, PendingAppend write)
    {
        foreach (var statement in write.Statements)
        {
            var command = new NpgsqlBatchCommand(statement.Sql);
            command.Parameters.AddRange(statement.Parameters.Select(p => p.Clone()).ToArray());
            commands.BatchCommands.Add(command);
        }
    }

    /// <summary>One result set per statement; the reader is left on the last one.</summary>
    private static async Task<IReadOnlyList<IReadOnlyList<object[]>>> ReadResultsAsync(NpgsqlDataReader reader, PendingAppend write)
    {
        var results = new IReadOnlyList<object[]>[write.Statements.Count];
        for (var i = 0; i < results.Length; i++)
        {
            if (i > 0)
            {
                await reader.NextResultAsync();
            }

            results[i] = await ReadRowsAsync(reader);
        }

        return results;
    }

    /// <summary>Reads the next result set that has columns (skipping SAVEPOINT and RELEASE).</summary>
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

    private sealed class TenantQueue(Guid tenantId)
    {
        public readonly ConcurrentQueue<PendingAppend> Items = new();
        public readonly Guid TenantId = tenantId;
        public int Leader;
    }

    private sealed class PendingAppend(IReadOnlyList<WriteStatement> statements)
    {
        public IReadOnlyList<WriteStatement> Statements { get; } = statements;

        public TaskCompletionSource<IReadOnlyList<IReadOnlyList<object[]>>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<IReadOnlyList<object[]>>? Rows { get; set; }

        public Exception? Error { get; set; }
    }
}

/// <summary>One SQL statement of a grouped write, with its parameters.</summary>
internal sealed record WriteStatement(string Sql, IReadOnlyList<NpgsqlParameter> Parameters);
