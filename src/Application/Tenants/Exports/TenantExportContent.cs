namespace EventAgents.Application.Tenants.Exports;

/// <summary>A finished export's content: a seekable stream (byte ranges are served from it), its length and hash.</summary>
public sealed record TenantExportContent(Stream Content, long Length, string Sha256, DateTimeOffset CompletedAt);
