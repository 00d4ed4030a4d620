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

    private Batching.TenantWriteQueue<AppendRequest, AppendResult>? _queue;

    /// <summary>Writes one append, alone or in a group; the outcome says whether it was stored.</summary>
    public Task<AppendResult> AppendAsync(Guid tenantId, AppendRequest request) =>
        LazyInitializer.EnsureInitialized(ref _queue, () => new(
            MaxGroup, MaxGroupEvents, static append => append.Events.Count, (tenant, group) => WriteGroupAsync(tenant, group)))
        .WriteAsync(tenantId, request);

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
}
