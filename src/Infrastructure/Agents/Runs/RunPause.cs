using EventAgents.Domain.Agents;

namespace EventAgents.Infrastructure.Agents.Runs;

/// <summary>A pause of a run: the conversation up to the waiting calls (Microsoft.Extensions.AI messages as JSON) and the calls.</summary>
internal sealed record RunPause(string ConversationJson, RequiredAction Action);
