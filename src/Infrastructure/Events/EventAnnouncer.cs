using EventAgents.Application.Events;
using EventAgents.Infrastructure.Persistence;

namespace EventAgents.Infrastructure.Events;

/// <summary>
/// Announces committed appends: this instance's live readers are woken at once, other instances through a NOTIFY that
/// <see cref="PostgresNotifier"/> sends after the commit, coalesced per tenant (docs/adr/0008).
/// </summary>
internal sealed class EventAnnouncer(IEventNotifications notifications, PostgresNotifier notifier)
{
    public const string Channel = "es_events";

    /// <summary>Tells this instance's listener which notifications are its own echo.</summary>
    private readonly string _instanceId = Guid.NewGuid().ToString("N");

    public void Committed(Guid tenantId)
    {
        notifications.Notify(tenantId);
        notifier.Send(Channel, $"{tenantId}:{_instanceId}");
    }

    /// <summary>A tenant's schema subjects changed (after the commit): other instances forget their cached rules.</summary>
    public void SchemasChanged(Guid tenantId) => notifier.Send(Channel, $"{SchemasPrefix}{tenantId}:{_instanceId}");

    /// <summary>Parses a <see cref="SchemasChanged"/> payload; false for anything else or this instance's own echo.</summary>
    public bool TryParseForeignSchemaChange(string payload, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        return payload.StartsWith(SchemasPrefix, StringComparison.Ordinal) && TryParseForeign(payload[SchemasPrefix.Length..], out tenantId);
    }

    private const string SchemasPrefix = "schemas:";

    /// <summary>A tenant's log was rewritten below its head (after the commit): other instances drop their cached log blocks.</summary>
    public void LogRewritten(Guid tenantId) => notifier.Send(Channel, $"{LogPrefix}{tenantId}:{_instanceId}");

    /// <summary>Parses a <see cref="LogRewritten"/> payload; false for anything else or this instance's own echo.</summary>
    public bool TryParseForeignLogRewrite(string payload, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        return payload.StartsWith(LogPrefix, StringComparison.Ordinal) && TryParseForeign(payload[LogPrefix.Length..], out tenantId);
    }

    private const string LogPrefix = "log:";

    /// <summary>Parses a notification payload; false for another channel's format or this instance's own echo.</summary>
    public bool TryParseForeign(string payload, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        var separator = payload.IndexOf(':', StringComparison.Ordinal);
        return separator > 0
            && !payload.AsSpan(separator + 1).SequenceEqual(_instanceId)
            && Guid.TryParse(payload.AsSpan(0, separator), out tenantId);
    }
}
