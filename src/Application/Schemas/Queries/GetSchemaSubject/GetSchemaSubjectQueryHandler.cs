using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Schemas.Queries.GetSchemaSubject;

public sealed class GetSchemaSubjectQueryHandler(ISchemaRegistry registry, ICurrentPrincipal principal)
    : IQueryHandler<GetSchemaSubjectQuery, SchemaSubjectDto>
{
    public async ValueTask<SchemaSubjectDto> Handle(GetSchemaSubjectQuery query, CancellationToken cancellationToken) =>
        await registry.GetAsync(principal.TenantId, query.Subject(), cancellationToken) ?? throw query.NotFound();
}
