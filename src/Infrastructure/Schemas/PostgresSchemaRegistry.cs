using System.Text.Json;
using System.Text.Json.Nodes;
using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Json;
using EventAgents.Application.Schemas;
using EventAgents.Domain.Schemas;
using EventAgents.Infrastructure.Events;
using EventAgents.Infrastructure.Events.Appending;
using EventAgents.Infrastructure.Persistence;
using Npgsql;

namespace EventAgents.Infrastructure.Schemas;

/// <summary>
/// The schema registry on PostgreSQL (schema_registry.v1.sql). A change locks the subject's row (creating it, not live, when
/// it is new), decides in C#, writes, and appends its event to the subject's system stream in the same transaction; the
/// tenant's log lock is taken last and held only for the commit.
/// </summary>
internal sealed class PostgresSchemaRegistry(NpgsqlDataSource dataSource, Persistence.Replicas.ReadRouter reads, EventAnnouncer announcer) : ISchemaRegistry
{
    private const string LiveVersions =
        "ARRAY(SELECT v.version FROM schema_versions v WHERE v.tenant_id = s.tenant_id AND v.kind = s.kind AND v.name = s.name " +
        "AND v.version >= s.first_live_version ORDER BY v.version)";

    private const string SubjectColumns = $"s.kind, s.name, s.compatibility, s.enforcement, s.created_at, s.updated_at, {LiveVersions}";

    private const string ListSql =
        $"SELECT {SubjectColumns} FROM schema_subjects s WHERE s.tenant_id = $1 AND NOT s.deleted ORDER BY s.kind DESC, s.name";

    private const string GetSql =
        $"SELECT {SubjectColumns} FROM schema_subjects s WHERE s.tenant_id = $1 AND s.kind = $2 AND s.name = $3 AND NOT s.deleted";

    private const string VersionSql =
        "SELECT v.schema::text, v.created_at FROM schema_versions v JOIN schema_subjects s USING (tenant_id, kind, name) " +
        "WHERE v.tenant_id = $1 AND v.kind = $2 AND v.name = $3 AND v.version = $4 AND NOT s.deleted AND v.version >= s.first_live_version";

    private const string RulesSql =
        "SELECT s.kind, s.name, s.enforcement, s.last_version FROM schema_subjects s " +
        "WHERE s.tenant_id = $1 AND NOT s.deleted AND s.enforcement <> 'off' AND s.last_version >= s.first_live_version";

    private const string CreateNotLiveSql =
        "INSERT INTO schema_subjects (tenant_id, kind, name, compatibility, enforcement, deleted, created_at, updated_at) " +
        "VALUES ($1, $2, $3, $4, $5, true, now(), now()) ON CONFLICT (tenant_id, kind, name) DO NOTHING";

    private const string LockSql =
        "SELECT s.compatibility, s.enforcement, s.last_version, s.first_live_version, s.deleted FROM schema_subjects s " +
        "WHERE s.tenant_id = $1 AND s.kind = $2 AND s.name = $3 FOR UPDATE";

    private const string LiveStateSql =
        "SELECT s.compatibility, s.first_live_version, s.last_version FROM schema_subjects s " +
        "WHERE s.tenant_id = $1 AND s.kind = $2 AND s.name = $3 AND NOT s.deleted";

    private const string LiveSubjectCountSql = "SELECT count(*) FROM schema_subjects WHERE tenant_id = $1 AND NOT deleted";

    private const string HistorySql =
        "SELECT v.version, v.schema::text FROM schema_versions v WHERE v.tenant_id = $1 AND v.kind = $2 AND v.name = $3 AND v.version >= $4 ORDER BY v.version";

    private const string UpdateSql =
        "UPDATE schema_subjects SET compatibility = $4, enforcement = $5, last_version = $6, deleted = false, updated_at = now(), " +
        "created_at = CASE WHEN deleted THEN now() ELSE created_at END WHERE tenant_id = $1 AND kind = $2 AND name = $3";

    private const string InsertVersionSql =
        "INSERT INTO schema_versions (tenant_id, kind, name, version, schema, created_at) VALUES ($1, $2, $3, $4, $5, now()) " +
        "RETURNING schema::text, created_at";

    private const string DeleteSql =
        "UPDATE schema_subjects SET deleted = true, first_live_version = last_version + 1, updated_at = now() " +
        "WHERE tenant_id = $1 AND kind = $2 AND name = $3";

    public async Task<IReadOnlyList<SchemaSubjectDto>> ListAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(ListSql);
        command.Add<Guid>(tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var subjects = new List<SchemaSubjectDto>();
        while (await reader.ReadAsync(cancellationToken))
        {
            subjects.Add(ReadSubject(reader));
        }

        return subjects;
    }

    public async Task<SchemaSubjectDto?> GetAsync(Guid tenantId, SchemaSubject subject, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(GetSql);
        AddKey(command, tenantId, subject);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadSubject(reader) : null;
    }

    public async Task<SchemaVersionDto?> GetVersionAsync(Guid tenantId, SchemaSubject subject, int version, CancellationToken cancellationToken)
    {
        await using var command = (await reads.SourceAsync(cancellationToken)).CreateCommand(VersionSql);
        AddKey(command, tenantId, subject);
        command.Add<int>(version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadVersion(reader, subject, version) : null;
    }

    public async Task<SubjectHistory?> HistoryAsync(Guid tenantId, SchemaSubject subject, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        LockedSubject state;
        await using (var command = new NpgsqlCommand(LiveStateSql, connection))
        {
            AddKey(command, tenantId, subject);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            state = new LockedSubject(reader.GetString(0), null, reader.GetInt32(2), reader.GetInt32(1), Live: true);
        }

        return await HistoryOfAsync(connection, null, tenantId, subject, state, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<SchemaSubject, SubjectRule>> RulesAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(RulesSql);
        command.Add<Guid>(tenantId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rules = new Dictionary<SchemaSubject, SubjectRule>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rules[new SchemaSubject(SchemaSubject.KindOf(reader.GetString(0))!.Value, reader.GetString(1))] =
                new SubjectRule(SchemaModes.ParseEnforcement(reader.GetString(2))!.Value, reader.GetInt32(3));
        }

        return rules;
    }

    public async Task<(SchemaSubjectDto Subject, bool Created)> ConfigureAsync(
        Guid tenantId, SchemaSubject subject, CompatibilityMode? compatibility, EnforcementMode? enforcement, string metadataJson,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await LockAsync(connection, transaction, tenantId, subject, cancellationToken);
        var modes = locked.ModesAfter(compatibility, enforcement);
        await UpdateAsync(connection, transaction, tenantId, subject, modes, locked.LastVersion, cancellationToken);
        await AppendAsync(connection, transaction, tenantId, subject, SchemaEventTypes.Configured, ConfiguredEvent(subject, modes), metadataJson, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        announcer.Committed(tenantId);
        return (await GetAsync(tenantId, subject, cancellationToken) ?? throw new InvalidOperationException("A configured subject vanished."), !locked.Live);
    }

    public async Task<bool> DeleteAsync(Guid tenantId, SchemaSubject subject, string metadataJson, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await LockAsync(connection, transaction, tenantId, subject, cancellationToken, requireRoom: false);
        if (!locked.Live)
        {
            return false;
        }

        await using (var command = new NpgsqlCommand(DeleteSql, connection, transaction))
        {
            AddKey(command, tenantId, subject);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var data = new JsonObject { ["subject"] = subject.ToString() }.ToJsonString();
        await AppendAsync(connection, transaction, tenantId, subject, SchemaEventTypes.Deleted, data, metadataJson, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        announcer.Committed(tenantId);
        return true;
    }

    public async Task<(SchemaRegistration Decision, SchemaVersionDto? Version)> RegisterAsync(
        Guid tenantId, SchemaSubject subject, string schemaJson, string metadataJson, Func<SubjectHistory, SchemaRegistration> decide,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var locked = await LockAsync(connection, transaction, tenantId, subject, cancellationToken);
        var history = await HistoryOfAsync(connection, transaction, tenantId, subject, locked, cancellationToken);
        var decision = decide(history);
        if (decision.ExistingVersion is { } existing)
        {
            await transaction.RollbackAsync(cancellationToken);
            return (decision, await GetVersionAsync(tenantId, subject, existing, cancellationToken));
        }

        if (decision.NextVersion is not { } version)
        {
            return (decision, null);
        }

        SchemaVersionDto registered;
        await using (var command = new NpgsqlCommand(InsertVersionSql, connection, transaction))
        {
            AddKey(command, tenantId, subject);
            command.Add<int>(version);
            command.AddJsonb(schemaJson);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            registered = ReadVersion(reader, subject, version);
        }

        var modes = locked.ModesAfter(null, null);
        await UpdateAsync(connection, transaction, tenantId, subject, modes, version, cancellationToken);
        if (!locked.Live)
        {
            await AppendAsync(connection, transaction, tenantId, subject, SchemaEventTypes.Configured, ConfiguredEvent(subject, modes), metadataJson, cancellationToken);
        }

        var data = new JsonObject
        {
            ["subject"] = subject.ToString(),
            ["version"] = version,
            ["schema"] = JsonNode.Parse(schemaJson, documentOptions: JsonDefaults.Stored),
        }.ToJsonString();
        await AppendAsync(connection, transaction, tenantId, subject, SchemaEventTypes.VersionRegistered, data, metadataJson, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        announcer.Committed(tenantId);
        return (decision, registered);
    }

    /// <summary>Locks the subject's row, creating it (not live) first when it is new; reviving one checks the tenant's subject limit.</summary>
    private static async Task<LockedSubject> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, SchemaSubject subject, CancellationToken cancellationToken,
        bool requireRoom = true)
    {
        await using (var create = new NpgsqlCommand(CreateNotLiveSql, connection, transaction))
        {
            AddKey(create, tenantId, subject);
            create.Add<string>(SchemaModes.NameOf(SchemaRules.DefaultCompatibility));
            create.Add<string>(SchemaModes.NameOf(SchemaRules.DefaultEnforcement));
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        LockedSubject locked;
        await using (var command = new NpgsqlCommand(LockSql, connection, transaction))
        {
            AddKey(command, tenantId, subject);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            locked = new LockedSubject(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), !reader.GetBoolean(4));
        }

        if (!locked.Live && requireRoom)
        {
            await using var count = new NpgsqlCommand(LiveSubjectCountSql, connection, transaction);
            count.Add<Guid>(tenantId);
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! >= SchemaRules.MaxSubjectsPerTenant)
            {
                throw new QuotaExceededException("schema-subject-quota", $"A tenant has at most {SchemaRules.MaxSubjectsPerTenant} schema subjects.");
            }
        }

        return locked;
    }

    private static async Task<SubjectHistory> HistoryOfAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid tenantId, SchemaSubject subject, LockedSubject locked,
        CancellationToken cancellationToken)
    {
        var mode = locked.Live ? SchemaModes.ParseCompatibility(locked.Compatibility)!.Value : SchemaRules.DefaultCompatibility;
        var versions = new List<(int, JsonElement)>();
        if (locked.Live)
        {
            await using var command = new NpgsqlCommand(HistorySql, connection, transaction);
            AddKey(command, tenantId, subject);
            command.Add<int>(locked.FirstLiveVersion);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                using var schema = JsonDocument.Parse(reader.GetString(1), JsonDefaults.Stored);
                versions.Add((reader.GetInt32(0), schema.RootElement.Clone()));
            }
        }

        return new SubjectHistory(mode, versions, locked.LastVersion);
    }

    private static async Task UpdateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, SchemaSubject subject, (string Compatibility, string Enforcement) modes,
        int lastVersion, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(UpdateSql, connection, transaction);
        AddKey(command, tenantId, subject);
        command.Add<string>(modes.Compatibility);
        command.Add<string>(modes.Enforcement);
        command.Add<int>(lastVersion);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid tenantId, SchemaSubject subject, string type, string dataJson, string metadataJson,
        CancellationToken cancellationToken) =>
        AppendStatement.AppendSystemEventAsync(connection, transaction, tenantId, subject.StreamId, type, dataJson, metadataJson, cancellationToken);

    private static string ConfiguredEvent(SchemaSubject subject, (string Compatibility, string Enforcement) modes) => new JsonObject
    {
        ["subject"] = subject.ToString(),
        ["compatibility"] = modes.Compatibility,
        ["enforcement"] = modes.Enforcement,
    }.ToJsonString();

    private static void AddKey(NpgsqlCommand command, Guid tenantId, SchemaSubject subject)
    {
        command.Add<Guid>(tenantId);
        command.Add<string>(subject.Segment);
        command.Add<string>(subject.Name);
    }

    /// <summary>A version from a row of (schema text, created_at).</summary>
    private static SchemaVersionDto ReadVersion(NpgsqlDataReader reader, SchemaSubject subject, int version) =>
        new(subject.ToString(), version, new RawJson(reader.GetFieldValue<byte[]>(0)), reader.GetFieldValue<DateTimeOffset>(1));

    private static SchemaSubjectDto ReadSubject(NpgsqlDataReader reader)
    {
        var kind = reader.GetString(0);
        var name = reader.GetString(1);
        var versions = reader.GetFieldValue<int[]>(6);
        return new SchemaSubjectDto(
            kind + "/" + name, kind, name, reader.GetString(2), reader.GetString(3), versions.Length > 0 ? versions[^1] : null, versions,
            reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5));
    }

    /// <summary>A subject's row under its lock. Not live: new, or deleted — both start afresh with the default modes.</summary>
    private sealed record LockedSubject(string Compatibility, string? Enforcement, int LastVersion, int FirstLiveVersion, bool Live)
    {
        public (string Compatibility, string Enforcement) ModesAfter(CompatibilityMode? compatibility, EnforcementMode? enforcement) => (
            compatibility is { } c ? SchemaModes.NameOf(c) : Live ? Compatibility : SchemaModes.NameOf(SchemaRules.DefaultCompatibility),
            enforcement is { } e ? SchemaModes.NameOf(e) : Live ? Enforcement! : SchemaModes.NameOf(SchemaRules.DefaultEnforcement));
    }
}
