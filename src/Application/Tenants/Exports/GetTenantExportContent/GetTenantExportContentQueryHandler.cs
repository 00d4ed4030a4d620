using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Tenants.Exports.GetTenantExportContent;

public sealed class GetTenantExportContentQueryHandler(ITenantExports exports, ICurrentPrincipal principal)
    : IQueryHandler<GetTenantExportContentQuery, TenantExportContent>
{
    public async ValueTask<TenantExportContent> Handle(GetTenantExportContentQuery query, CancellationToken cancellationToken)
    {
        TenantExportAccess.Require(principal, query.TenantId);
        if (await exports.OpenContentAsync(query.TenantId, query.ExportId, cancellationToken) is { } content)
        {
            return content;
        }

        var export = await exports.GetAsync(query.TenantId, query.ExportId, cancellationToken)
            ?? throw new NotFoundException("Export", query.ExportId.ToString());
        throw new ConflictException("export-not-ready", "Export not ready", export.Status == "expired"
            ? "The export was withdrawn: data in it was erased since. Request a new export."
            : $"The export is {export.Status}: its content is there once it succeeded.");
    }
}
