using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Tenants.Exports.GetTenantExport;

public sealed class GetTenantExportQueryHandler(ITenantExports exports, ICurrentPrincipal principal)
    : IQueryHandler<GetTenantExportQuery, TenantExportDto>
{
    public async ValueTask<TenantExportDto> Handle(GetTenantExportQuery query, CancellationToken cancellationToken)
    {
        TenantExportAccess.Require(principal, query.TenantId);
        return await exports.GetAsync(query.TenantId, query.ExportId, cancellationToken)
            ?? throw new NotFoundException("Export", query.ExportId.ToString());
    }
}
