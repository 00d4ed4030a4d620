using EventAgents.Application.Common.Json;
using EventAgents.Application.Documents;
using EventAgents.Application.Events;
using EventAgents.Application.Events.Exceptions;
using EventAgents.Domain.Documents;
using Npgsql;
using NpgsqlTypes;

namespace EventAgents.Infrastructure.Documents;

/// <summary>
/// Documents on PostgreSQL. A write is one round trip: a batch (one implicit transaction) that first changes the projection
/// row and then appends the event with es_append, whose expected-version check rolls both back when someone else wrote first.
/// </summary>
internal sealed class PostgresDocumentStore(NpgsqlDataSource dataSource, IEventNotifications notifications) : IDocumentStore
{
    private const string Columns = "d.id, d.collection, d.version, d.data::text, d.created_at, d.updated_at";

    private const string GetSql =
        $"SELECT {Columns} FROM documents d WHERE d.tenant_id = $1 AND d.collection = $2 AND d.id = $3";

    private const string LoadSql =
        $"SELECT {Columns}, s.version FROM es_streams s " +
        "LEFT JOIN documents d ON d.tenant_id = s.tenant_id AND d.collection = $2 AND d.id = $3 " +
        "WHERE s.tenant_id = $1 AND s.stream_id = $4";

    private const string UpsertSql =
        "INSERT INTO documents AS d (tenant_id, collection, id, version, data, created_at, updated_at) " +
        "VALUES ($1, $2, $3, $4, $5, now(), now()) " +
        "ON CONFLICT (tenant_id, collection, id) DO UPDATE SET version = excluded.version, data = excluded.data, updated_at = excluded.updated_at " +
        $"RETURNING {Columns}";

    private const string DeleteSql = "DELETE FROM documents WHERE tenant_id = $1 AND collection = $2 AND id = $3";

    private const string AppendSql = "SELECT out_position FROM es_append($1, $2, $3, $4, $5, $6, $7)";

    private const string CollectionsSql =
        "SELECT collection, count(*) FROM documents WHERE tenant_id = $1 GROUP BY collection ORDER BY collection";

    private static readonly Dictionary<(DocumentOrder, bool Descending, bool First, bool Filtered), string> QuerySql = BuildQuerySql();

    public async Task<DocumentDto?> GetAsync(Guid tenantId, string collection, string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(GetSql);
        AddKey(command.Parameters, tenantId, collection, id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadDocument(reader) : null;
    }

    public async Task<DocumentSnapshot> LoadAsync(Guid tenantId, string collection, string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LoadSql);
        AddKey(command.Parameters, tenantId, collection, id);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DocumentId.StreamOf(collection, id) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new DocumentSnapshot(null, 0);
        }

        return new DocumentSnapshot(reader.IsDBNull(0) ? null : ReadDocument(reader), reader.GetInt64(6));
    }

    public async Task<DocumentDto?> WriteAsync(Guid tenantId, DocumentChange change, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        NpgsqlBatchCommand projection;
        if (change.NewDataJson is { } data)
        {
            projection = new NpgsqlBatchCommand(UpsertSql);
            AddKey(projection.Parameters, tenantId, change.Collection, change.Id);
            projection.Parameters.Add(new NpgsqlParameter<long> { TypedValue = change.ExpectedStreamVersion + 1 });
            projection.Parameters.Add(new NpgsqlParameter<string> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Jsonb });
        }
        else
        {
            projection = new NpgsqlBatchCommand(DeleteSql);
            AddKey(projection.Parameters, tenantId, change.Collection, change.Id);
        }

        batch.BatchCommands.Add(projection);
        var append = new NpgsqlBatchCommand(AppendSql);
        append.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        append.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DocumentId.StreamOf(change.Collection, change.Id) });
        append.Parameters.Add(new NpgsqlParameter<long> { TypedValue = change.ExpectedStreamVersion });
        append.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [change.EventId] });
        append.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [change.EventType] });
        append.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [change.EventDataJson], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        append.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [change.MetadataJson], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        batch.BatchCommands.Add(append);

        DocumentDto? written = null;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            if (change.NewDataJson is not null && await reader.ReadAsync(cancellationToken))
            {
                written = ReadDocument(reader);
            }

            while (await reader.NextResultAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                }
            }
        }
        catch (PostgresException ex) when (ex.SqlState == "EAWEV")
        {
            throw new WrongExpectedVersionException(DocumentId.StreamOf(change.Collection, change.Id), change.ExpectedStreamVersion, -1);
        }

        notifications.Notify(tenantId);
        return written;
    }

    public async Task<IReadOnlyList<DocumentDto>> QueryAsync(Guid tenantId, DocumentQuery query, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(QuerySqlFor(query.OrderBy, query.Descending, query.After is null, query.WhereJson is not null));
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.Collection });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.WhereJson ?? "{}", NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        if (query.After is { } after)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)after.At ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after.Id });
        }

        var documents = new List<DocumentDto>(Math.Min(query.Limit, 256));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(ReadDocument(reader));
        }

        return documents;
    }

    public async Task<IReadOnlyList<CollectionDto>> ListCollectionsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CollectionsSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
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

    private static void AddKey(NpgsqlParameterCollection parameters, Guid tenantId, string collection, string id)
    {
        parameters.Add(new NpgsqlParameter<Guid> { TypedValue = tenantId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = collection });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
    }

    private static DocumentDto ReadDocument(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetInt64(2),
        new RawJson(reader.GetString(3)),
        reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetFieldValue<DateTimeOffset>(5));
}
