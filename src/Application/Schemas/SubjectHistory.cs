using System.Text.Json;
using EventAgents.Domain.Schemas;

namespace EventAgents.Application.Schemas;

/// <summary>A subject as a registration sees it under its lock: its mode, its live versions (oldest first) and its highest number.</summary>
public sealed record SubjectHistory(CompatibilityMode Compatibility, IReadOnlyList<(int Version, JsonElement Schema)> Versions, int LastVersion);
