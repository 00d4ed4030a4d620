using EventAgents.Application.Common.Security;
using EventAgents.Domain.Events;
using Mediator;

namespace EventAgents.Application.Events.Commands.AppendEvents;

public sealed class AppendEventsCommandHandler(
    IEventStore store, ICurrentPrincipal principal, EventMetadata metadata, TimeProvider clock)
    : ICommandHandler<AppendEventsCommand, AppendEventsResult>
{
    public async ValueTask<AppendEventsResult> Handle(AppendEventsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var events = command.Events
            .Select(e => new EventToAppend(
                e.EventId ?? Guid.CreateVersion7(now), e.Type, e.Data.GetRawText(), metadata.For(e.Metadata)))
            .ToList();
        var outcome = await store.AppendAsync(
            principal.TenantId, command.StreamId, ExpectedVersion.From(command.ExpectedVersion), events, cancellationToken);
        return new AppendEventsResult(outcome.StreamId, outcome.FromVersion, outcome.ToVersion, outcome.Events, outcome.Replayed);
    }
}
