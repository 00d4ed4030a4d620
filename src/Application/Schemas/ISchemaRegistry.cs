using EventAgents.Domain.Schemas;

namespace EventAgents.Application.Schemas;

/// <summary>
/// A tenant's schema subjects and their versions. Every change is also an event in the subject's system stream, in the
/// same transaction; registrations of one subject are serialised by its lock, so version numbers are never lost or doubled.
/// </summary>
public interface ISchemaRegistry
{
    Task<IReadOnlyList<SchemaSubjectDto>> ListAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>A live subject; null when it does not exist or was deleted.</summary>
    Task<SchemaSubjectDto?> GetAsync(Guid tenantId, SchemaSubject subject, CancellationToken cancellationToken);

    /// <summary>Creates the subject or changes its modes (null keeps the current one, or the default for a new subject).</summary>
    Task<(SchemaSubjectDto Subject, bool Created)> ConfigureAsync(
        Guid tenantId, SchemaSubject subject, CompatibilityMode? compatibility, EnforcementMode? enforcement, string metadataJson,
        CancellationToken cancellationToken);

    /// <summary>Deletes a live subject: writes are no longer checked, its versions stop being served; false when there is none.</summary>
    Task<bool> DeleteAsync(Guid tenantId, SchemaSubject subject, string metadataJson, CancellationToken cancellationToken);

    /// <summary>A live version of a live subject (what a write is checked against); null otherwise.</summary>
    Task<SchemaVersionDto?> GetVersionAsync(Guid tenantId, SchemaSubject subject, int version, CancellationToken cancellationToken);

    /// <summary>The subject's mode and live versions; null when it does not exist or was deleted.</summary>
    Task<SubjectHistory?> HistoryAsync(Guid tenantId, SchemaSubject subject, CancellationToken cancellationToken);

    /// <summary>
    /// Registers <paramref name="schemaJson"/> under the subject (creating it with the default modes when it is new), deciding
    /// with <paramref name="decide"/> under the subject's lock. Returns the decision and the version it leads to (null when refused).
    /// </summary>
    Task<(SchemaRegistration Decision, SchemaVersionDto? Version)> RegisterAsync(
        Guid tenantId, SchemaSubject subject, string schemaJson, string metadataJson, Func<SubjectHistory, SchemaRegistration> decide,
        CancellationToken cancellationToken);

    /// <summary>The rules of every live subject of the tenant whose enforcement is not off and that has a version.</summary>
    Task<IReadOnlyDictionary<SchemaSubject, SubjectRule>> RulesAsync(Guid tenantId, CancellationToken cancellationToken);
}
