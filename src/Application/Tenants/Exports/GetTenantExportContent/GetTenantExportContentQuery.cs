using Mediator;

namespace EventAgents.Application.Tenants.Exports.GetTenantExportContent;

public sealed record GetTenantExportContentQuery(Guid TenantId, Guid ExportId) : IQuery<TenantExportContent>;
