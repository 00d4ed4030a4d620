using EventAgents.Application.Common.Paging;
using Mediator;

namespace EventAgents.Application.Tenants.Queries.ListTenants;

public sealed record ListTenantsQuery(int Limit, string? Cursor) : IPagedQuery, IQuery<Page<TenantDto>>;
