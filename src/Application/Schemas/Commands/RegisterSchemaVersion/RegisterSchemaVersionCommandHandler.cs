using EventAgents.Application.Common.Security;
using EventAgents.Application.Events;
using EventAgents.Domain.Schemas;
using Mediator;

namespace EventAgents.Application.Schemas.Commands.RegisterSchemaVersion;

public sealed class RegisterSchemaVersionCommandHandler(
    ISchemaRegistry registry, ISchemaCatalog catalog, ICurrentPrincipal principal, EventMetadata metadata)
    : ICommandHandler<RegisterSchemaVersionCommand, RegisteredSchemaVersionResult>
{
    public async ValueTask<RegisteredSchemaVersionResult> Handle(RegisterSchemaVersionCommand command, CancellationToken cancellationToken)
    {
        var subject = command.Subject();
        var candidate = command.Schema;
        CompatibilityMode mode = default;
        var (decision, version) = await registry.RegisterAsync(
            principal.TenantId, subject, candidate.GetRawText(), metadata.For(null),
            history =>
            {
                mode = history.Compatibility;
                return SchemaRegistration.Decide(history.Versions, history.LastVersion, candidate, history.Compatibility);
            },
            cancellationToken);
        if (decision.IsRefused)
        {
            throw new IncompatibleSchemaException(subject.ToString(), SchemaModes.NameOf(mode), decision.Incompatibilities);
        }

        if (decision.NextVersion is not null)
        {
            catalog.Changed(principal.TenantId);
        }

        return new RegisteredSchemaVersionResult(version!, decision.NextVersion is not null);
    }
}
