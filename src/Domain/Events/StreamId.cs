using System.Buffers;

namespace EventAgents.Domain.Events;

/// <summary>
/// A stream's id: 1–200 characters of <c>[A-Za-z0-9._:-]</c>, starting with a letter or digit.
/// Ids starting with <c>doc:</c> or <c>run:</c> are system streams that only the service writes.
/// </summary>
public readonly record struct StreamId
{
    public const int MaxLength = 200;

    /// <summary>System streams (doc:{collection}:{id}) may be longer than partners' streams.</summary>
    public const int MaxSystemLength = 300;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");

    private static readonly string[] SystemPrefixes = [SystemStreams.DocumentPrefix, SystemStreams.RunPrefix, SystemStreams.WebhookPrefix, SystemStreams.SchemaPrefix, SystemStreams.MetaPrefix];

    private StreamId(string value) => Value = value;

    public string Value { get; }

    public bool IsSystem => IsSystemId(Value);

    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= MaxLength
        && char.IsAsciiLetterOrDigit(value[0])
        && !value.AsSpan().ContainsAnyExcept(Allowed);

    public static bool IsSystemId(string? value) =>
        value is not null && SystemPrefixes.Any(prefix => value.StartsWith(prefix, StringComparison.Ordinal));

    public static StreamId Parse(string value) =>
        IsValid(value) ? new StreamId(value) : throw new ArgumentException($"'{value}' is not a valid stream id.", nameof(value));

    /// <summary>A system stream, written by the service itself (documents, agent runs).</summary>

    public override string ToString() => Value;
}
