using EventAgents.Application.Common.Security;
using EventAgents.Application.Events;
using EventAgents.Domain.Schemas;
using Mediator;

namespace EventAgents.Application.Schemas.Commands.ConfigureSchemaSubject;

public sealed class ConfigureSchemaSubjectCommandHandler(
    ISchemaRegistry registry, ISchemaCatalog catalog, ICurrentPrincipal principal, EventMetadata metadata)
    : ICommandHandler<ConfigureSchemaSubjectCommand, ConfiguredSchemaSubjectResult>
{
    public async ValueTask<ConfiguredSchemaSubjectResult> Handle(ConfigureSchemaSubjectCommand command, CancellationToken cancellationToken)
    {
        var (subject, created) = await registry.ConfigureAsync(
            principal.TenantId, command.Subject(), SchemaModes.ParseCompatibility(command.Compatibility), SchemaModes.ParseEnforcement(command.Enforcement),
            metadata.For(null), cancellationToken);
        catalog.Changed(principal.TenantId);
        return new ConfiguredSchemaSubjectResult(subject, created);
    }
}
