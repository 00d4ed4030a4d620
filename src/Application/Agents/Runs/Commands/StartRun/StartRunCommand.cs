using System.Text.Json;
using Mediator;

namespace EventAgents.Application.Agents.Runs.Commands.StartRun;

/// <summary>Queues a run of an agent on an input; an optional Idempotency-Key makes retries safe.</summary>
public sealed record StartRunCommand(Guid AgentId, JsonElement Input, string? IdempotencyKey) : ICommand<StartedRun>;
