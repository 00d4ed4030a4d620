using EventAgents.Application.Common.Json;
using EventAgents.Application.Common.Paging;
using EventAgents.Application.Documents;
using EventAgents.Application.Events;
using EventAgents.Domain.Documents;
using EventAgents.Infrastructure.Caching;
using EventAgents.Infrastructure.Events;
using EventAgents.Infrastructure.Events.Appending;
using EventAgents.Infrastructure.Persistence;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace EventAgents.Infrastructure.Documents;

/// <summary>
/// Documents on PostgreSQL. A write appends the event and changes the projection row in one append of the tenant's
/// group commit; the stream's expected version refuses both when someone else wrote first. Query results are kept in the
/// read cache under their collection's scope, which every document write of this instance in the collection moves on
/// (GroupCommitAppender) and another instance's notification invalidates with the rest of the tenant.
/// </summary>
internal sealed class PostgresDocumentStore(
    NpgsqlDataSource dataSource, Persistence.Replicas.ReadRouter reads, GroupCommitAppender appender, Telemetry.EventAgentsMetrics metrics, IOptions<PageOptions> paging, ReadCache cache)
    : IDocumentStore
{
    private const string Columns = "d.id, d.collection, d.version, d.data::text, d.created_at, d.updated_at, d.schema_version";

    private const string GetSql =
        $"SELECT {Columns} FROM documents d WHERE d.tenant_id = $1 AND d.collection = $2 AND d.id = $3";

    private const string LoadSql =
        $"SELECT {Columns}, s.version FROM es_streams s " +
        "LEFT JOIN documents d ON d.tenant_id = s.tenant_id AND d.collection = $2 AND d.id = $3 " +
        "WHERE s.tenant_id = $1 AND s.stream_id = $4";

    private const string CollectionsSql =
        "SELECT collection, count(*) FROM documents WHERE tenant_id = $1 GROUP BY collection ORDER BY collection";

    private static readonly Dictionary<(DocumentOrder, bool Descending, bool First, bool Filtered), string> QuerySql = BuildQuerySql();

    public async Task<DocumentDto?> GetAsync(Guid tenantId, string collection, string id, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(GetSql);
        AddKey(command, tenantId, collection, id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDocument(reader) : null;
    }

    public async Task<DocumentSnapshot> LoadAsync(Guid tenantId, string collection, string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LoadSql);
        AddKey(command, tenantId, collection, id);
        command.Add<string>(DocumentId.StreamOf(collection, id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new DocumentSnapshot(null, 0);
        }

        return new DocumentSnapshot(reader.IsDBNull(0) ? null : ReadDocument(reader), reader.GetInt64(7));
    }

    /// <summary>
    /// The event and the projection as one append of the tenant's group (docs/adr/0007, 0009): es_append_group checks the
    /// stream's version and writes the event and the document row together, or neither.
    /// </summary>
    public async Task<DocumentDto?> WriteAsync(Guid tenantId, DocumentChange change, CancellationToken cancellationToken)
    {
        var request = new AppendRequest(
            DocumentId.StreamOf(change.Collection, change.Id),
            change.ExpectedStreamVersion,
            [new EventToAppend(change.EventId, change.EventType, change.EventDataJson, change.MetadataJson)],
            new DocumentProjection(change.Collection, change.Id, change.NewDataJson, change.SchemaVersion));
        var result = await appender.AppendAsync(tenantId, request).WaitAsync(cancellationToken);
        var stored = result.EventsOrThrow(request)[0];
        metrics.DocumentWritten();
        return result.Document is { } document
            ? new DocumentDto(
                change.Id, change.Collection, stored.Version, new RawJson(document.DataUtf8), document.CreatedAt, stored.CreatedAt, change.SchemaVersion)
            : null;
    }

    public async Task<Slice<DocumentDto>> QueryAsync(Guid tenantId, DocumentQuery query, CancellationToken cancellationToken)
    {
        var key = new ReadCacheKey(tenantId, DocumentProjection.QueryScopeOf(query.Collection), query);
        if (cache.TryGet(key, out Slice<DocumentDto>? cached))
        {
            return cached!;
        }

        // Stamp and tick before the load: a write committed while it runs leaves the entry behind (a newer floor or generation).
        var stamp = cache.StampFor(tenantId);
        var tick = cache.Tick;
        var loaded = await LoadQueryAsync(tenantId, query, cancellationToken);
        cache.Set(key, stamp, tick, loaded, SizeOf(loaded));
        return loaded;
    }

    private async Task<Slice<DocumentDto>> LoadQueryAsync(Guid tenantId, DocumentQuery query, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(QuerySqlFor(query.OrderBy, query.Descending, query.After is null, query.WhereJson is not null));
        command.Add<Guid>(tenantId);
        command.Add<string>(query.Collection);
        command.AddJsonb(query.WhereJson ?? "{}");
        command.Add<int>(query.Limit);
        if (query.After is { } after)
        {
            command.AddNullable(after.At, NpgsqlDbType.TimestampTz);
            command.Add<string>(after.Id);
        }

        var documents = new List<DocumentDto>(Math.Min(query.Limit, 256));
        long bytes = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (documents.Count > 0 && bytes >= paging.Value.MaxPageBytes)
            {
                return new Slice<DocumentDto>(documents, true);
            }

            var document = ReadDocument(reader);
            bytes += document.Data.ByteCount;
            documents.Add(document);
        }

        return new Slice<DocumentDto>(documents, false);
    }

    public async Task<IReadOnlyList<CollectionDto>> ListCollectionsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(CollectionsSql);
        command.Add<Guid>(tenantId);
        var collections = new List<CollectionDto>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            collections.Add(new CollectionDto(reader.GetString(0), reader.GetInt64(1)));
        }

        return collections;
    }

    /// <summary>The statement for one ordering, direction, page (first or next) and filtering; exposed for the query-plan test.</summary>
    internal static string QuerySqlFor(DocumentOrder order, bool descending, bool first, bool filtered) =>
        QuerySql[(order, descending, first, filtered)];

    /// <summary>
    /// One statement per ordering, direction, first/next page and filtering, built once from constant fragments (never from
    /// input). Keyset paging on (sort column, id) keeps pages stable while documents are inserted. With a where filter the
    /// matching rows are selected first (a MATERIALIZED CTE), so PostgreSQL uses the GIN index on data instead of walking the
    /// sort index and filtering: filters are usually selective, and its estimates for jsonb containment are poor.
    /// </summary>
    private static Dictionary<(DocumentOrder, bool, bool, bool), string> BuildQuerySql()
    {
        var statements = new Dictionary<(DocumentOrder, bool, bool, bool), string>();
        foreach (var order in Enum.GetValues<DocumentOrder>())
        {
            var column = order switch { DocumentOrder.CreatedAt => "created_at", DocumentOrder.UpdatedAt => "updated_at", _ => null };
            foreach (var descending in new[] { false, true })
            {
                var direction = descending ? "DESC" : "ASC";
                var comparison = descending ? "<" : ">";
                var orderBy = column is null ? $"d.id {direction}" : $"d.{column} {direction}, d.id {direction}";
                var keyset = column is null ? $" AND d.id {comparison} $6" : $" AND (d.{column}, d.id) {comparison} ($5, $6)";
                foreach (var first in new[] { true, false })
                {
                    var condition = "d.tenant_id = $1 AND d.collection = $2" + (first ? string.Empty : keyset);
                    statements[(order, descending, first, false)] =
                        $"SELECT {Columns} FROM documents d WHERE {condition} AND $3::jsonb IS NOT NULL ORDER BY {orderBy} LIMIT $4";
                    statements[(order, descending, first, true)] =
                        $"WITH d AS MATERIALIZED (SELECT * FROM documents d WHERE {condition} AND d.data @> $3) " +
                        $"SELECT {Columns} FROM d ORDER BY {orderBy} LIMIT $4";
                }
            }
        }

        return statements;
    }

    private static long SizeOf(Slice<DocumentDto> slice)
    {
        long bytes = 64 + 8L * slice.Items.Count;
        foreach (var document in slice.Items)
        {
            bytes += DocumentCache.SizeOf(document);
        }

        return bytes;
    }

    private static void AddKey(NpgsqlCommand command, Guid tenantId, string collection, string id)
    {
        command.Add(tenantId);
        command.Add(collection);
        command.Add(id);
    }

    private static DocumentDto ReadDocument(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetInt64(2),
        new RawJson(reader.GetFieldValue<byte[]>(3)),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetInt32(6));
}
