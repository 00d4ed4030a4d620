using Mediator;

namespace EventAgents.Application.Tenants.Offboarding.GetTenantOffboarding;

public sealed record GetTenantOffboardingQuery(Guid TenantId) : IQuery<TenantOffboardingDto>;
