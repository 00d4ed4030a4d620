using EventAgents.Application.Common.Exceptions;
using Mediator;

namespace EventAgents.Application.Tenants.Queries.GetTenant;

public sealed class GetTenantQueryHandler(ITenantRepository tenants) : IQueryHandler<GetTenantQuery, TenantDto>
{
    public async ValueTask<TenantDto> Handle(GetTenantQuery query, CancellationToken cancellationToken)
    {
        var tenant = await tenants.FindAsync(query.TenantId, cancellationToken)
            ?? throw new NotFoundException("Tenant", query.TenantId.ToString());
        return tenant.ToDto();
    }
}
