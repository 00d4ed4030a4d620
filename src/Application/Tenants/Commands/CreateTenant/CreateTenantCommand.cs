using Mediator;

namespace EventAgents.Application.Tenants.Commands.CreateTenant;

public sealed record CreateTenantCommand(string Name) : ICommand<TenantDto>;
