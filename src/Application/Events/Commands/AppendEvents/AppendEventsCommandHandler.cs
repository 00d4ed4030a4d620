using System.Text.Json;
using System.Text.Json.Nodes;
using EventAgents.Application.Common.Interfaces;
using EventAgents.Application.Common.Security;
using EventAgents.Domain.Events;
using Mediator;

namespace EventAgents.Application.Events.Commands.AppendEvents;

public sealed class AppendEventsCommandHandler(
    IEventStore store, ICurrentPrincipal principal, IRequestContext request, TimeProvider clock)
    : ICommandHandler<AppendEventsCommand, AppendEventsResult>
{
    public async ValueTask<AppendEventsResult> Handle(AppendEventsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var events = command.Events
            .Select(e => new EventToAppend(
                e.EventId ?? Guid.CreateVersion7(now), e.Type, e.Data.GetRawText(), Metadata(e.Metadata)))
            .ToList();
        var outcome = await store.AppendAsync(
            principal.TenantId, command.StreamId, ExpectedVersion.From(command.ExpectedVersion), events, cancellationToken);
        return new AppendEventsResult(outcome.StreamId, outcome.FromVersion, outcome.ToVersion, outcome.Events);
    }

    /// <summary>The client's metadata with the service's own keys set last, so they cannot be spoofed.</summary>
    private string Metadata(JsonElement? supplied)
    {
        var metadata = supplied is { ValueKind: JsonValueKind.Object } element ? JsonObject.Create(element)! : [];
        metadata["correlationId"] = request.CorrelationId;
        metadata["clientId"] = principal.ClientId;
        return metadata.ToJsonString();
    }
}
