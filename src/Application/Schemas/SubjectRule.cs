using EventAgents.Domain.Schemas;

namespace EventAgents.Application.Schemas;

/// <summary>What writes of a subject's data meet: its enforcement mode and the version checked when a write names none.</summary>
public sealed record SubjectRule(EnforcementMode Enforcement, int LatestVersion);
