using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Events.Commands.SetStreamMetadata;

public sealed class SetStreamMetadataCommandHandler(IStreamLifecycle streams, ICurrentPrincipal principal, EventMetadata metadata)
    : ICommandHandler<SetStreamMetadataCommand, StreamMetadataDto>
{
    public async ValueTask<StreamMetadataDto> Handle(SetStreamMetadataCommand command, CancellationToken cancellationToken) =>
        await streams.SetRetentionAsync(principal.TenantId, command.StreamId, command.Metadata.ToRetention(), metadata.For(null), cancellationToken) is { } set
            ? StreamMetadataDto.From(set)
            : throw new NotFoundException("Stream", command.StreamId);
}
