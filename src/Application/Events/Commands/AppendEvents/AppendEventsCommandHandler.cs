using EventAgents.Application.Common.Security;
using EventAgents.Application.Schemas;
using EventAgents.Domain.Events;
using EventAgents.Domain.Schemas;
using Mediator;

namespace EventAgents.Application.Events.Commands.AppendEvents;

public sealed class AppendEventsCommandHandler(
    IEventStore store, ICurrentPrincipal principal, EventMetadata metadata, SchemaEnforcement schemas, TimeProvider clock)
    : ICommandHandler<AppendEventsCommand, AppendEventsResult>
{
    public async ValueTask<AppendEventsResult> Handle(AppendEventsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var data = command.Events.Select(e => e.Data.GetRawText()).ToList();
        var stamps = await schemas.CheckAsync(
            data.Count, i => (SchemaSubject.ForEvent(command.Events[i].Type), data[i], command.Events[i].SchemaVersion), i => $"/events/{i}/data",
            cancellationToken);
        var events = command.Events
            .Select((e, i) => new EventToAppend(e.EventId ?? Guid.CreateVersion7(now), e.Type, data[i], metadata.For(e.Metadata, stamps?[i])))
            .ToList();
        var outcome = await store.AppendAsync(
            principal.TenantId, command.StreamId, ExpectedVersion.From(command.ExpectedVersion), events, cancellationToken);
        return new AppendEventsResult(outcome.StreamId, outcome.FromVersion, outcome.ToVersion, outcome.Events, outcome.Replayed);
    }
}
