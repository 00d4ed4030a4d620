using EventAgents.Application.Common.Exceptions;
using Mediator;

namespace EventAgents.Application.Tenants.Offboarding.GetTenantOffboarding;

public sealed class GetTenantOffboardingQueryHandler(ITenantOffboarding offboarding) : IQueryHandler<GetTenantOffboardingQuery, TenantOffboardingDto>
{
    public async ValueTask<TenantOffboardingDto> Handle(GetTenantOffboardingQuery query, CancellationToken cancellationToken) =>
        await offboarding.GetAsync(query.TenantId, cancellationToken)
            ?? throw new NotFoundException("Tenant offboarding", query.TenantId.ToString());
}
