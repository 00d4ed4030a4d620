using Mediator;

namespace EventAgents.Application.Clients.Commands.AddClientSecret;

/// <summary>Adds a secret to a client; its valid secrets stay valid until <paramref name="PreviousSecretsExpireAt"/> (default in 24 h).</summary>
public sealed record AddClientSecretCommand(Guid TenantId, string ClientId, DateTimeOffset? PreviousSecretsExpireAt) : ICommand<CreatedClientSecretDto>;
