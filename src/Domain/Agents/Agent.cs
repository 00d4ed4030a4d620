using EventAgents.Domain.Common;

namespace EventAgents.Domain.Agents;

/// <summary>
/// A tenant's definition of an AI worker. Versioned (the ETag), soft-deleted so its runs stay readable. The scopes its
/// runs may use are its tools' scopes, granted by the client that last wrote it (it cannot grant what it does not hold).
/// </summary>
public sealed class Agent : ITenantOwned
{
    /// <summary>For EF Core materialisation.</summary>
    private Agent()
    {
        GrantedScopes = [];
        WrittenBy = string.Empty;
    }

    private Agent(Guid id, Guid tenantId, AgentSettings settings, string[] grantedScopes, string writtenBy, DateTimeOffset now)
    {
        Id = id;
        TenantId = tenantId;
        Apply(settings);
        GrantedScopes = grantedScopes;
        WrittenBy = writtenBy;
        Version = 1;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public AgentSettings Settings { get; private set; } = null!;

    /// <summary>The name, also a column: unique among a tenant's agents that are not deleted.</summary>
    public string Name { get; private set; } = null!;

    /// <summary>The event types of the triggers, also a column: what an append looks up to find agents to wake.</summary>
    public string[] TriggerEventTypes { get; private set; } = [];

    public string[] GrantedScopes { get; private set; }

    /// <summary>The scopes a run started by a trigger holds: those of the trigger tools, which the grant always covers.</summary>
    public string[] TriggerScopes { get; private set; } = [];

    /// <summary>The client that created or last updated the agent.</summary>
    public string WrittenBy { get; private set; }

    public long Version { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public static Agent Create(Guid tenantId, AgentSettings settings, IReadOnlyCollection<string> callerScopes, string clientId, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now), tenantId, settings, Grant(settings, callerScopes), clientId, now);

    public void Update(AgentSettings settings, IReadOnlyCollection<string> callerScopes, string clientId, DateTimeOffset now)
    {
        GrantedScopes = Grant(settings, callerScopes);
        Apply(settings);
        WrittenBy = clientId;
        Version++;
        UpdatedAt = now;
    }

    public void Delete(DateTimeOffset now)
    {
        DeletedAt ??= now;
        UpdatedAt = now;
    }

    private void Apply(AgentSettings settings)
    {
        Settings = settings;
        Name = settings.Name;
        TriggerEventTypes = settings.Triggers.Select(t => t.EventType).Distinct(StringComparer.Ordinal).ToArray();
        // Custom tools call the partner's own services and need no scope of the tenant's data.
        TriggerScopes = settings.EffectiveTriggerTools
            .Where(name => settings.EffectiveCustomTools.All(custom => custom.Name != name))
            .Select(name => AgentTools.Find(name) ?? throw new DomainRuleException($"'{name}' is not a known tool."))
            .Select(tool => tool.Scope)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The scopes the tools need; a tool whose scope the writing client lacks is refused, so agents never escalate.</summary>
    private static string[] Grant(AgentSettings settings, IReadOnlyCollection<string> callerScopes)
    {
        var needed = settings.Tools
            .Select(name => AgentTools.Find(name) ?? throw new DomainRuleException($"'{name}' is not a known tool."))
            .Select(tool => tool.Scope)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var missing = needed.Where(scope => !callerScopes.Contains(scope)).ToList();
        if (missing.Count > 0)
        {
            throw new DomainRuleException(
                $"The agent's tools need scope(s) {string.Join(", ", missing)}, which this client does not hold; it cannot grant them to an agent.");
        }

        return needed;
    }
}
