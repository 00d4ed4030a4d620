using Mediator;

namespace EventAgents.Application.Tenants.Queries.GetTenant;

public sealed record GetTenantQuery(Guid TenantId) : IQuery<TenantDto>;
