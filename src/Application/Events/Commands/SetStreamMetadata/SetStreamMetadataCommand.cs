using Mediator;

namespace EventAgents.Application.Events.Commands.SetStreamMetadata;

/// <summary>Replaces a partner stream's retention metadata (KurrentDB's $maxAge, $maxCount, $tb).</summary>
public sealed record SetStreamMetadataCommand(string StreamId, StreamMetadataDto Metadata) : ICommand<StreamMetadataDto>;
