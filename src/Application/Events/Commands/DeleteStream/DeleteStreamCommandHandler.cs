using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Security;
using EventAgents.Domain.Events;
using Mediator;

namespace EventAgents.Application.Events.Commands.DeleteStream;

public sealed class DeleteStreamCommandHandler(IStreamLifecycle streams, ICurrentPrincipal principal, EventMetadata metadata)
    : ICommandHandler<DeleteStreamCommand>
{
    public async ValueTask<Unit> Handle(DeleteStreamCommand command, CancellationToken cancellationToken) =>
        await streams.DeleteAsync(principal.TenantId, command.StreamId, command.Mode, metadata.For(null), cancellationToken) == StreamDeletion.NotFound
            ? throw new NotFoundException("Stream", command.StreamId)
            : Unit.Value;
}
