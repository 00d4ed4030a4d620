using EventAgents.Domain.Events;

namespace EventAgents.Application.Events;

/// <summary>
/// Deleting, erasing and retention of a tenant's streams (issue #22). Every change is recorded as an event in the stream's
/// <c>meta:{streamId}</c> system stream, in the same transaction.
/// </summary>
public interface IStreamLifecycle
{
    /// <summary>
    /// Soft-deletes or erases a stream (<see cref="StreamDeletions"/> decides); NotFound when it does not exist. Erasing a
    /// document's stream (<c>doc:{collection}:{id}</c>) removes the document too. Erasing also scrubs what copied the
    /// events' payloads: the inputs and steps of the runs they triggered, and pending webhook deliveries of them.
    /// </summary>
    Task<StreamDeletion> DeleteAsync(Guid tenantId, string streamId, StreamDeletionMode mode, string metadataJson, CancellationToken cancellationToken);

    /// <summary>The stream's retention metadata; null when the stream does not exist (or is deleted).</summary>
    Task<StreamRetention?> GetRetentionAsync(Guid tenantId, string streamId, CancellationToken cancellationToken);

    /// <summary>Replaces the stream's retention metadata (<see cref="StreamRetention.Replacing"/>); null when the stream does not exist.</summary>
    Task<StreamRetention?> SetRetentionAsync(Guid tenantId, string streamId, StreamRetention retention, string metadataJson, CancellationToken cancellationToken);
}
