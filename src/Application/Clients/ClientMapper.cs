using EventAgents.Domain.Clients;
using Riok.Mapperly.Abstractions;

namespace EventAgents.Application.Clients;

[Mapper]
public static partial class ClientMapper
{
    [MapperIgnoreSource(nameof(ApiClient.Secrets))]
    [MapperIgnoreSource(nameof(ApiClient.IsRevoked))]
    public static partial ClientDto ToDto(this ApiClient client);
}
