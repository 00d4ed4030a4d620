using EventAgents.Application.Common.Exceptions;
using EventAgents.Application.Common.Security;
using Mediator;

namespace EventAgents.Application.Events.Queries.GetStreamMetadata;

public sealed class GetStreamMetadataQueryHandler(IStreamLifecycle streams, ICurrentPrincipal principal)
    : IQueryHandler<GetStreamMetadataQuery, StreamMetadataDto>
{
    public async ValueTask<StreamMetadataDto> Handle(GetStreamMetadataQuery query, CancellationToken cancellationToken)
    {
        StreamAccess.RequireVisible(principal, query.StreamId);
        return await streams.GetRetentionAsync(principal.TenantId, query.StreamId, cancellationToken) is { } retention
            ? StreamMetadataDto.From(retention)
            : throw new NotFoundException("Stream", query.StreamId);
    }
}
