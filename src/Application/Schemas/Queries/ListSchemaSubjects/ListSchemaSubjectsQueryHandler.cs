using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Schemas.Queries.ListSchemaSubjects;

public sealed class ListSchemaSubjectsQueryHandler(ISchemaRegistry registry, ICurrentPrincipal principal)
    : IQueryHandler<ListSchemaSubjectsQuery, SchemaSubjectsResult>
{
    public async ValueTask<SchemaSubjectsResult> Handle(ListSchemaSubjectsQuery query, CancellationToken cancellationToken) =>
        new(await registry.ListAsync(principal.TenantId, cancellationToken));
}
