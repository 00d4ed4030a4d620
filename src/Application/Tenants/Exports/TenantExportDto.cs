namespace EventAgents.Application.Tenants.Exports;

/// <summary>A tenant export job and, once it succeeded, what its content is.</summary>
/// <param name="Id">The export.</param>
/// <param name="TenantId">The exported tenant.</param>
/// <param name="Status"><c>pending</c>, <c>running</c>, <c>succeeded</c>, <c>failed</c>, or <c>expired</c> (withdrawn because data in it was erased since).</param>
/// <param name="Position">The tenant's global-log position the export is consistent as of (every event up to it, nothing after).</param>
/// <param name="ByteCount">The content's length in bytes.</param>
/// <param name="LineCount">NDJSON lines, the header and trailer included.</param>
/// <param name="Sha256">Hex SHA-256 of the content; also its ETag.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="CreatedAt">When it was requested.</param>
/// <param name="CompletedAt">When it succeeded or failed.</param>
public sealed record TenantExportDto(
    Guid Id, Guid TenantId, string Status, long? Position, long? ByteCount, long? LineCount, string? Sha256, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);
