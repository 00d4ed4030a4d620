using Mediator;

namespace EventAgents.Application.Tenants.Offboarding.OffboardTenant;

public sealed record OffboardTenantCommand(Guid TenantId) : ICommand<TenantOffboardingDto>;
