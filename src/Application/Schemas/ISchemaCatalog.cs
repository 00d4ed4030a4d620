using EventAgents.Application.Common.Json;
using EventAgents.Domain.Schemas;

namespace EventAgents.Application.Schemas;

/// <summary>
/// The registry as writes read it, cached: each tenant's enforced subjects, and compiled schemas per (tenant, subject, version).
/// A change on this instance is seen at once, on another one after the post-commit notification.
/// </summary>
public interface ISchemaCatalog
{
    ValueTask<IReadOnlyDictionary<SchemaSubject, SubjectRule>> RulesAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>The compiled schema of a version; null when the subject has no such version.</summary>
    ValueTask<StandaloneJsonSchema?> SchemaAsync(Guid tenantId, SchemaSubject subject, int version, CancellationToken cancellationToken);

    /// <summary>The tenant's subjects changed (after the commit): forget its rules here and tell the other instances.</summary>
    void Changed(Guid tenantId);
}
