namespace EventAgents.WebApi.Contracts.Schemas;

/// <summary>A subject's modes; one left out keeps its value (or the default for a new subject: backward, enforce).</summary>
/// <param name="Compatibility">none, backward, backward_transitive, forward, forward_transitive, full or full_transitive.</param>
/// <param name="Enforcement">off (writes are not checked), warn (checked, stored anyway with a <c>Schema-Warning</c> header) or enforce (422).</param>
public sealed record ConfigureSchemaSubjectRequest(string? Compatibility, string? Enforcement);
