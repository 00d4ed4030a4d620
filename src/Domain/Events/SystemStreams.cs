using EventAgents.Domain.Auth;

namespace EventAgents.Domain.Events;

/// <summary>
/// System stream prefixes (the stream ids themselves are built by the features that own them), and who may see them: a
/// system stream holds what its feature holds — a document's contents, a run's tool results and answers, a subscription's
/// notices — so reading its events takes that feature's read scope too, wherever events are read (stream reads, the global
/// log, live streams, webhooks, agent tools).
/// </summary>
public static class SystemStreams
{
    public const string DocumentPrefix = "doc:";
    public const string RunPrefix = "run:";
    public const string WebhookPrefix = "webhook:";
    public const string SchemaPrefix = "schema:";

    /// <summary>A partner stream's lifecycle (<c>meta:{streamId}</c>): readable with <c>events:read</c>, like the stream itself.</summary>
    public const string MetaPrefix = "meta:";

    private static readonly (string Prefix, string Scope)[] Readers =
    [
        (DocumentPrefix, Scopes.DocumentsRead),
        (RunPrefix, Scopes.AgentsRead),
        (WebhookPrefix, Scopes.WebhooksManage),
        (SchemaPrefix, Scopes.SchemasRead),
    ];

    /// <summary>The scope needed besides <c>events:read</c> to read the stream's events; null for a partner's stream.</summary>
    public static string? RequiredScope(string streamId) =>
        Readers.FirstOrDefault(reader => streamId.StartsWith(reader.Prefix, StringComparison.Ordinal)).Scope;

    public static bool IsVisibleTo(string streamId, IReadOnlyCollection<string> scopes) =>
        RequiredScope(streamId) is not { } scope || scopes.Contains(scope);

    /// <summary>The prefixes of the system streams whose events these scopes may not see.</summary>
    public static IReadOnlyList<string> HiddenFrom(IReadOnlyCollection<string> scopes) =>
        Readers.Where(reader => !scopes.Contains(reader.Scope)).Select(reader => reader.Prefix).ToArray();
}
