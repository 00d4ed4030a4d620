using System.Globalization;
using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Schemas.Queries.GetSchemaVersion;

public sealed class GetSchemaVersionQueryHandler(ISchemaRegistry registry, ICurrentPrincipal principal)
    : IQueryHandler<GetSchemaVersionQuery, SchemaVersionDto>
{
    public async ValueTask<SchemaVersionDto> Handle(GetSchemaVersionQuery query, CancellationToken cancellationToken)
    {
        var subject = query.Subject();
        int version;
        if (query.Version == GetSchemaVersionQuery.Latest)
        {
            var current = await registry.GetAsync(principal.TenantId, subject, cancellationToken) ?? throw query.NotFound();
            version = current.LatestVersion ?? throw new NotFoundException("Schema version", $"{subject}/latest");
        }
        else
        {
            version = int.Parse(query.Version, CultureInfo.InvariantCulture);
        }

        return await registry.GetVersionAsync(principal.TenantId, subject, version, cancellationToken)
            ?? throw new NotFoundException("Schema version", $"{subject}/{query.Version}");
    }
}
