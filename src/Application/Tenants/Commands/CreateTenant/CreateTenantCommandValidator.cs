using EventAgents.Domain.Tenants;
using FluentValidation;

namespace EventAgents.Application.Tenants.Commands.CreateTenant;

public sealed class CreateTenantCommandValidator : AbstractValidator<CreateTenantCommand>
{
    public CreateTenantCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(Tenant.MaxNameLength)
            .Must(n => n is null || n.Trim().Length > 0).WithMessage("'Name' must not be blank.");
    }
}
