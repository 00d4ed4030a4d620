using EventAgents.Domain.Tenants;
using Riok.Mapperly.Abstractions;

namespace EventAgents.Application.Tenants;

[Mapper]
public static partial class TenantMapper
{
    [MapperIgnoreSource(nameof(Tenant.IsPlatform))]
    public static partial TenantDto ToDto(this Tenant tenant);
}
