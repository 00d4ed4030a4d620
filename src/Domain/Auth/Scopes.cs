namespace EventAgents.Domain.Auth;

/// <summary>The OAuth2 scopes a client can be granted. Each has one authorization policy of the same name.</summary>
public static class Scopes
{
    public const string EventsRead = "events:read";
    public const string EventsWrite = "events:write";
    public const string DocumentsRead = "documents:read";
    public const string DocumentsWrite = "documents:write";
    public const string AgentsRead = "agents:read";
    public const string AgentsWrite = "agents:write";
    public const string AgentsRun = "agents:run";

    /// <summary>Approves or rejects the tool calls of runs that wait for approval.</summary>
    public const string AgentsApprove = "agents:approve";
    public const string WebhooksManage = "webhooks:manage";
    public const string SchemasRead = "schemas:read";
    public const string SchemasWrite = "schemas:write";
    public const string Admin = "admin";

    /// <summary>Exports the client's own tenant (its data as NDJSON, GDPR art. 20); admins export any tenant.</summary>
    public const string TenantExport = "tenant:export";

    public static readonly IReadOnlyList<string> All =
    [
        EventsRead, EventsWrite, DocumentsRead, DocumentsWrite, AgentsRead, AgentsWrite, AgentsRun, AgentsApprove, WebhooksManage, SchemasRead, SchemasWrite, TenantExport, Admin,
    ];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
