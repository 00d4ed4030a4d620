using EventAgents.Application.Common.Security;
using EventAgents.Domain.Schemas;
using Mediator;

namespace EventAgents.Application.Schemas.Queries.CheckSchemaCompatibility;

public sealed class CheckSchemaCompatibilityQueryHandler(ISchemaRegistry registry, ICurrentPrincipal principal)
    : IQueryHandler<CheckSchemaCompatibilityQuery, CompatibilityResultDto>
{
    public async ValueTask<CompatibilityResultDto> Handle(CheckSchemaCompatibilityQuery query, CancellationToken cancellationToken)
    {
        var history = await registry.HistoryAsync(principal.TenantId, query.Subject(), cancellationToken) ?? throw query.NotFound();
        var mode = history.Compatibility;
        var compared = mode == CompatibilityMode.None || history.Versions.Count == 0 ? []
            : mode.IsTransitive() ? history.Versions.Select(v => v.Version).ToList()
            : [history.Versions[^1].Version];
        var incompatibilities = SchemaCompatibility.Check(history.Versions, query.Schema, mode);
        return new CompatibilityResultDto(incompatibilities.Count == 0, SchemaModes.NameOf(mode), compared, incompatibilities);
    }
}
