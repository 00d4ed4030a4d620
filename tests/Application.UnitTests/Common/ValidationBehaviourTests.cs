using EventAgents.Application.Common.Behaviours;
using FluentValidation;
using Mediator;

namespace EventAgents.Application.UnitTests.Common;

public sealed class ValidationBehaviourTests
{
    [Test]
    public void Failures_of_every_validator_are_reported_together_and_the_handler_is_not_called()
    {
        var behaviour = new ValidationBehaviour<Probe, string>([new NameValidator(), new CountValidator()]);
        var handlerCalled = false;

        var error = Assert.ThrowsAsync<ValidationException>(async () =>
            await behaviour.Handle(new Probe("", -1), (_, _) => { handlerCalled = true; return ValueTask.FromResult("done"); }, CancellationToken.None));

        Assert.That(error!.Errors.Select(e => e.PropertyName), Is.EquivalentTo(new[] { "Name", "Count" }));
        Assert.That(handlerCalled, Is.False);
    }

    [Test]
    public async Task A_valid_message_reaches_the_handler()
    {
        var behaviour = new ValidationBehaviour<Probe, string>([new NameValidator()]);

        var result = await behaviour.Handle(new Probe("ok", 1), (_, _) => ValueTask.FromResult("done"), CancellationToken.None);

        Assert.That(result, Is.EqualTo("done"));
    }

    public sealed record Probe(string Name, int Count) : ICommand<string>;

    private sealed class NameValidator : AbstractValidator<Probe>
    {
        public NameValidator() => RuleFor(p => p.Name).NotEmpty();
    }

    private sealed class CountValidator : AbstractValidator<Probe>
    {
        public CountValidator() => RuleFor(p => p.Count).GreaterThanOrEqualTo(0);
    }
}
