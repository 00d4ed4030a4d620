using EventAgents.Application.Agents;
using EventAgents.Domain.Agents;
using Microsoft.Extensions.Options;

namespace EventAgents.Infrastructure.Agents;

internal sealed class ConfiguredModelProviders(IOptions<AgentsOptions> options) : IModelProviders
{
    public bool IsAvailable(string provider) => provider switch
    {
        ModelProviders.Echo => true,
        ModelProviders.OpenAI => options.Value.OpenAI.IsConfigured,
        _ => false,
    };
}
