using EventAgents.Application.Common.Security;
using EventAgents.Application.Events;
using Mediator;

namespace EventAgents.Application.Schemas.Commands.DeleteSchemaSubject;

public sealed class DeleteSchemaSubjectCommandHandler(
    ISchemaRegistry registry, ISchemaCatalog catalog, ICurrentPrincipal principal, EventMetadata metadata)
    : ICommandHandler<DeleteSchemaSubjectCommand>
{
    public async ValueTask<Unit> Handle(DeleteSchemaSubjectCommand command, CancellationToken cancellationToken)
    {
        if (!await registry.DeleteAsync(principal.TenantId, command.Subject(), metadata.For(null), cancellationToken))
        {
            throw command.NotFound();
        }

        catalog.Changed(principal.TenantId);
        return Unit.Value;
    }
}
