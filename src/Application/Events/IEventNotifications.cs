namespace EventAgents.Application.Events;

/// <summary>
/// Wake-ups for live readers: "a tenant's log may have grown". Only a hint — readers always re-read the log itself,
/// so a lost or extra notification can delay but never change what they deliver.
/// </summary>
public interface IEventNotifications
{
    /// <summary>A task that completes at the next notification for the tenant. Take it before reading, then await it.</summary>
    Task NextAsync(Guid tenantId);

    void Notify(Guid tenantId);

    /// <summary>Wakes every reader (used when notifications may have been missed).</summary>
    void NotifyAll();
}
