using Npgsql;
using NpgsqlTypes;

namespace EventAgents.Infrastructure.Persistence;

/// <summary>
/// The one way this code binds positional parameters ($1, $2, …) to a command: typed (no boxing for values), jsonb spelled
/// once. On the command, not its parameter collection, whose own Add(object) would win over an extension.
/// </summary>
internal static class SqlParameters
{
    public static void Add<T>(this NpgsqlBatchCommand command, T value) => command.Parameters.Add(Typed(value));

    public static void AddJsonb(this NpgsqlBatchCommand command, string? json) => command.Parameters.Add(Jsonb(json));

    public static void AddJsonbArray(this NpgsqlBatchCommand command, string?[]? json) => command.Parameters.Add(JsonbArray(json));

    public static void AddNullable(this NpgsqlBatchCommand command, object? value, NpgsqlDbType type) =>
        command.Parameters.Add(Nullable(value, type));

    public static void Add<T>(this NpgsqlCommand command, T value) => command.Parameters.Add(Typed(value));

    public static void AddJsonb(this NpgsqlCommand command, string? json) => command.Parameters.Add(Jsonb(json));

    public static void AddNullable(this NpgsqlCommand command, object? value, NpgsqlDbType type) =>
        command.Parameters.Add(Nullable(value, type));

    private static NpgsqlParameter<T> Typed<T>(T value) => new() { TypedValue = value };

    private static NpgsqlParameter Jsonb(string? json) => Nullable(json, NpgsqlDbType.Jsonb);

    private static NpgsqlParameter JsonbArray(string?[]? json) => Nullable(json, NpgsqlDbType.Array | NpgsqlDbType.Jsonb);

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
