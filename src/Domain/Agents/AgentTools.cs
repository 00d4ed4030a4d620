using EventAgents.Domain.Auth;

namespace EventAgents.Domain.Agents;

/// <summary>
/// The tools an agent may use. Each implies the scope a client needs to grant it. Models see <see cref="AgentTool.WireName"/>:
/// OpenAI accepts only <c>^[a-zA-Z0-9_-]{1,64}$</c> as a function name, so <c>documents.read</c> goes out as <c>documents_read</c>.
/// </summary>
public static class AgentTools
{
    /// <summary>The kind of the service's own tools in run steps (custom tools have theirs: <c>http</c>).</summary>
    public const string BuiltInKind = "builtin";

    public const string DocumentsRead = "documents.read";
    public const string DocumentsWrite = "documents.write";
    public const string EventsRead = "events.read";
    public const string EventsAppend = "events.append";

    public static readonly IReadOnlyList<AgentTool> All =
    [
        new(DocumentsRead, Scopes.DocumentsRead, "Reads one document of the tenant by collection and id.", IsReadOnly: true),
        new(DocumentsWrite, Scopes.DocumentsWrite, "Creates or replaces one document of the tenant by collection and id.", IsReadOnly: false),
        new(EventsRead, Scopes.EventsRead, "Reads events of one stream of the tenant, oldest first.", IsReadOnly: true),
        new(EventsAppend, Scopes.EventsWrite, "Appends one event to a stream of the tenant.", IsReadOnly: false),
    ];

    public static AgentTool? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    public static AgentTool? FindByWireName(string wireName) => All.FirstOrDefault(t => t.WireName == wireName);
}
