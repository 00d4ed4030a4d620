using EventAgents.Domain.Auth;
using EventAgents.Domain.Clients;
using FluentValidation;

namespace EventAgents.Application.Clients.Commands.CreateClient;

public sealed class CreateClientCommandValidator : AbstractValidator<CreateClientCommand>
{
    public CreateClientCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(ApiClient.MaxNameLength)
            .Must(n => n is null || n.Trim().Length > 0).WithMessage("'Name' must not be blank.");
        RuleFor(c => c.Scopes).NotEmpty();
        RuleForEach(c => c.Scopes).Must(Scopes.IsKnown)
            .WithMessage((_, scope) => $"'{scope}' is not a known scope. Known scopes: {string.Join(", ", Scopes.All)}.");
    }
}
