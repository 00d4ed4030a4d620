using System.Collections.Concurrent;
using EventAgents.Application.Common.Quotas;
using EventAgents.Infrastructure.Events.Appending;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// Group commit of concurrent appends of one tenant (docs/adr/0011). A tenant's appends are serialised by its es_tenant_logs
/// row lock from the first statement to the commit, so one append per WAL flush would be the ceiling. Instead, appends that
/// arrive while another group is in flight queue up, and one caller (the leader) writes the queued ones with one call of
/// es_append_group and one commit. Every append gets its own outcome back as a result: a conflict costs the others nothing.
/// The guarantees are those of the appends executed one by one in queue order: all of an append's events or none, versions
/// checked under the lock, positions in commit order.
/// </summary>
internal sealed class GroupCommitAppender(
    NpgsqlDataSource dataSource, EventAnnouncer announcer, IOptions<QuotaOptions> quotas, Telemetry.EventAgentsMetrics metrics, Caching.ReadCache readCache)
{
    /// <summary>Appends per group: enough to fill a commit at any realistic concurrency, few enough for one statement.</summary>
    public const int MaxGroup = 128;

    /// <summary>Events per group beyond the first append, so a group stays one modest statement.</summary>
    public const int MaxGroupEvents = 8192;

    private readonly ConcurrentDictionary<Guid, TenantQueue> _queues = new();

    /// <summary>Writes one append, alone or in a group; the outcome says whether it was stored.</summary>
    public async Task<AppendResult> AppendAsync(Guid tenantId, AppendRequest request)
    {
        var queue = _queues.GetOrAdd(tenantId, static id => new TenantQueue(id));
        var pending = new PendingAppend(request);
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
                while (TakeGroup(queue) is { Count: > 0 } group)
                {
                    await WritePendingAsync(queue.TenantId, group);
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

    private static List<PendingAppend> TakeGroup(TenantQueue queue)
    {
        var group = new List<PendingAppend>(Math.Min(MaxGroup, queue.Items.Count));
        var events = 0;
        while (group.Count < MaxGroup && queue.Items.TryPeek(out var next)
               && (group.Count == 0 || events + next.Request.Events.Count <= MaxGroupEvents)
               && queue.Items.TryDequeue(out var item))
        {
            group.Add(item);
            events += item.Request.Events.Count;
        }

        return group;
    }

    /// <summary>
    /// Writes a group as one round trip: one es_append_group call per round (an append that shares a stream or an event id
    /// with an earlier one goes to a later round, so each call sees them one after another), all in the batch's implicit
    /// transaction. The outcomes are those of the appends executed one by one in an order that keeps every dependent pair
    /// in the group's order.
    /// </summary>
    public async Task<AppendResult[]> WriteGroupAsync(Guid tenantId, IReadOnlyList<AppendRequest> group, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var results = new AppendResult[group.Count];
        var rounds = GroupRounds.Split(group);
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        await using (var batch = new NpgsqlBatch(connection))
        {
            foreach (var round in rounds)
            {
                batch.BatchCommands.Add(AppendStatement.Build(tenantId, round.ConvertAll(i => group[i]), quotas.Value));
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (var r = 0; r < rounds.Count; r++)
            {
                if (r > 0)
                {
                    await reader.NextResultAsync(cancellationToken);
                }

                var outcomes = await AppendStatement.ReadAsync(reader, rounds[r].Count, cancellationToken);
                for (var i = 0; i < outcomes.Length; i++)
                {
                    results[rounds[r][i]] = outcomes[i];
                }
            }
        }

        metrics.AppendGroup(group.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        var appended = false;
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Status == AppendStatus.Appended && results[i].Events is [.., var last])
            {
                // Before any writer hears back, so a read on this instance after an acknowledged write never sees an older page.
                readCache.Committed(tenantId, group[i].StreamId, last.Version);
                if (group[i].Document is { } document)
                {
                    readCache.Changed(tenantId, DocumentProjection.QueryScopeOf(document.Collection));
                }

                appended = true;
            }
        }

        if (appended)
        {
            announcer.Committed(tenantId);
        }

        return results;
    }

    private async Task WritePendingAsync(Guid tenantId, List<PendingAppend> group)
    {
        AppendResult[] results;
        try
        {
            results = await WriteGroupAsync(tenantId, group.ConvertAll(static item => item.Request));
        }
        catch (Exception ex)
        {
            foreach (var item in group)
            {
                item.Completion.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Completion.TrySetResult(results[i]);
        }
    }

    private sealed class TenantQueue(Guid tenantId)
    {
        public readonly ConcurrentQueue<PendingAppend> Items = new();
        public readonly Guid TenantId = tenantId;
        public int Leader;
    }

    private sealed class PendingAppend(AppendRequest request)
    {
        public AppendRequest Request { get; } = request;

        public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
