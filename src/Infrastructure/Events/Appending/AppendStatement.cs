using EventAgents.Application.Common.Quotas;
using EventAgents.Application.Events;
using EventAgents.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace EventAgents.Infrastructure.Events.Appending;

/// <summary>
/// The only builder of the call into the event store's write function (es_append_group, docs/adr/0011) and the only reader
/// of its outcomes. Events, documents, runs and webhooks all append through it, grouped (GroupCommitAppender) or inside a
/// transaction of their own (<see cref="SystemEvent"/>).
/// </summary>
internal static class AppendStatement
{
    private const string Sql =
        "SELECT out_append, out_status, out_event_id, out_version, out_position, out_created_at, out_detail, " +
        "out_document_created_at, out_document_data FROM es_append_group($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";

    /// <summary>One call for appends that name distinct streams and distinct event ids; <paramref name="quotas"/> null: no caps.</summary>
    public static NpgsqlBatchCommand Build(Guid tenantId, IReadOnlyList<AppendRequest> appends, QuotaOptions? quotas)
    {
        var eventCount = 0;
        var hasDocuments = false;
        foreach (var append in appends)
        {
            eventCount += append.Events.Count;
            hasDocuments |= append.Document is not null;
        }

        var streams = new string[appends.Count];
        var expected = new long?[appends.Count];
        var counts = new int[appends.Count];
        var eventAppends = new int[eventCount];
        var ids = new Guid[eventCount];
        var types = new string[eventCount];
        var data = new string?[eventCount];
        var metadata = new string?[eventCount];
        var collections = hasDocuments ? new string?[appends.Count] : null;
        var documentIds = hasDocuments ? new string?[appends.Count] : null;
        var documentData = hasDocuments ? new string?[appends.Count] : null;
        var schemaVersions = hasDocuments ? new int?[appends.Count] : null;
        var e = 0;
        for (var a = 0; a < appends.Count; a++)
        {
            var append = appends[a];
            streams[a] = append.StreamId;
            expected[a] = append.ExpectedVersion;
            counts[a] = append.Events.Count;
            foreach (var @event in append.Events)
            {
                eventAppends[e] = a + 1;
                ids[e] = @event.EventId;
                types[e] = @event.Type;
                data[e] = @event.DataJson;
                metadata[e] = @event.MetadataJson;
                e++;
            }

            if (append.Document is { } document)
            {
                collections![a] = document.Collection;
                documentIds![a] = document.Id;
                documentData![a] = document.DataJson;
                schemaVersions![a] = document.SchemaVersion;
            }
        }

        var command = new NpgsqlBatchCommand(Sql);
        command.Add(tenantId);
        command.Add(streams);
        command.Add(expected);
        command.Add(counts);
        command.Add(eventAppends);
        command.Add(ids);
        command.Add(types);
        command.AddJsonbArray(data);
        command.AddJsonbArray(metadata);
        command.AddNullable(collections, NpgsqlDbType.Array | NpgsqlDbType.Text);
        command.AddNullable(documentIds, NpgsqlDbType.Array | NpgsqlDbType.Text);
        command.AddJsonbArray(documentData);
        command.AddNullable(quotas?.MaxRunsPerAppend, NpgsqlDbType.Integer);
        command.AddNullable(quotas?.MaxRunsPerTenantPerMinute, NpgsqlDbType.Integer);
        command.AddNullable(quotas?.MaxStoredBytesPerTenant, NpgsqlDbType.Bigint);
        command.AddNullable(schemaVersions, NpgsqlDbType.Array | NpgsqlDbType.Integer);
        return command;
    }

    /// <summary>
    /// One event for a system stream (run:, webhook:) inside the caller's transaction, which takes the tenant lock here.
    /// System streams take no expected version, no quota and wake no agent, so the append cannot be refused.
    /// </summary>
    public static NpgsqlBatchCommand SystemEvent(Guid tenantId, string streamId, string type, string dataJson, string metadataJson) =>
        Build(tenantId, [new AppendRequest(streamId, null, [new EventToAppend(Guid.CreateVersion7(), type, dataJson, metadataJson)])], null);

    /// <summary>The first parameter a guard (<see cref="Guarded"/>) may use; $1 is the tenant.</summary>
    public const int FirstGuardParameter = 17;

    /// <summary>
    /// One system-stream append that happens only when a change elsewhere is made first, in one statement and its own
    /// transaction: the tenant's lock is taken after that change and held only until the statement's commit, never across a
    /// round trip to the caller. <paramref name="guard"/> is one or more common table expressions, the last named
    /// <c>fenced</c>, that make the change and return one row with a <c>tenant_id</c> column when the append may go ahead (no
    /// row: nothing is appended, and the change was not made either). Its parameters start at <see cref="FirstGuardParameter"/>:
    /// add them to the returned command.
    /// </summary>
    /// <param name="afterAppend">An expression evaluated once the event is appended, i.e. under the tenant's log lock (locks
    /// it takes come after that one, as everywhere); null for none.</param>
    public static NpgsqlBatchCommand Guarded(
        Guid tenantId, string streamId, string type, string dataJson, string metadataJson, string guard, string? afterAppend = null) =>
        Guarded(tenantId, streamId, [new EventToAppend(Guid.CreateVersion7(), type, dataJson, metadataJson)], guard, afterAppend);

    /// <summary>As the one-event <see cref="Guarded(Guid, string, string, string, string, string, string?)"/>, for several events
    /// of one stream appended together (<paramref name="afterAppend"/> is then evaluated once per event).</summary>
    public static NpgsqlBatchCommand Guarded(
        Guid tenantId, string streamId, IReadOnlyList<EventToAppend> events, string guard, string? afterAppend = null)
    {
        var command = Build(tenantId, [new AppendRequest(streamId, null, events)], null);
        command.CommandText =
            $"WITH {guard} SELECT a.out_append, a.out_status, a.out_event_id, a.out_version, a.out_position, a.out_created_at, a.out_detail, " +
            $"a.out_document_created_at, a.out_document_data{(afterAppend is null ? "" : ", " + afterAppend)} FROM fenced CROSS JOIN LATERAL " +
            "es_append_group(fenced.tenant_id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) a";
        return command;
    }

    /// <summary>Runs a <see cref="Guarded"/> append by itself; false when the guard let nothing happen.</summary>
    public static async Task<bool> TryAppendGuardedAsync(NpgsqlDataSource dataSource, NpgsqlBatchCommand command, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(command);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadGuardedAsync(reader, cancellationToken);
    }

    /// <summary>Reads the outcome of a <see cref="Guarded"/> append (the reader's current result set).</summary>
    public static async Task<bool> ReadGuardedAsync(NpgsqlDataReader reader, CancellationToken cancellationToken = default)
    {
        if (!reader.HasRows)
        {
            return false;
        }

        var result = (await ReadAsync(reader, 1, cancellationToken))[0];
        return result.Succeeded
            ? true
            : throw new InvalidOperationException($"A system event was refused: {result.Status}.");
    }

    /// <summary>Reads the outcomes of one call (the reader's current result set), one result per append, in order.</summary>
    public static async Task<AppendResult[]> ReadAsync(NpgsqlDataReader reader, int appendCount, CancellationToken cancellationToken = default)
    {
        var results = new AppendResult[appendCount];
        var current = -1;
        List<StoredEvent>? events = null;
        AppendStatus status = default;
        StoredDocument? document = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var index = reader.GetInt32(0) - 1;
            if (index != current)
            {
                Complete();
                current = index;
                status = Parse(reader.GetString(1));
                events = [];
                document = null;
            }

            if (status is AppendStatus.Appended or AppendStatus.Replayed)
            {
                events!.Add(new StoredEvent(reader.GetGuid(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetFieldValue<DateTimeOffset>(5)));
                if (!reader.IsDBNull(7))
                {
                    document = new StoredDocument(reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<byte[]>(8));
                }
            }
            else
            {
                results[index] = new AppendResult(status, [], reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(6) ? null : reader.GetString(6), null);
                current = -1;
            }
        }

        Complete();
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i] is null)
            {
                throw new InvalidOperationException($"es_append_group returned no outcome for append {i + 1} of {appendCount}.");
            }
        }

        return results;

        void Complete()
        {
            if (current >= 0)
            {
                results[current] = new AppendResult(status, events!, null, null, document);
            }
        }
    }

    /// <summary>Runs one system-stream append inside the caller's transaction.</summary>
    public static async Task AppendSystemEventAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, string streamId, string type, string dataJson, string metadataJson,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var command = SystemEvent(tenantId, streamId, type, dataJson, metadataJson);
        batch.BatchCommands.Add(command);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var result = (await ReadAsync(reader, 1, cancellationToken))[0];
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"A system event for {streamId} was refused: {result.Status}.");
        }
    }

    private static AppendStatus Parse(string status) => status switch
    {
        "appended" => AppendStatus.Appended,
        "replayed" => AppendStatus.Replayed,
        "wrong-expected-version" => AppendStatus.WrongExpectedVersion,
        "event-id-conflict" => AppendStatus.EventIdConflict,
        "stream-erased" => AppendStatus.StreamErased,
        "storage-quota" => AppendStatus.StorageQuota,
        "runs-per-append" => AppendStatus.RunsPerAppend,
        "runs-per-minute" => AppendStatus.RunsPerMinute,
        _ => throw new InvalidOperationException($"es_append_group returned the unknown status '{status}'."),
    };
}
