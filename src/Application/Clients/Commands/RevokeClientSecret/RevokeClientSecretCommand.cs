using Mediator;

namespace EventAgents.Application.Clients.Commands.RevokeClientSecret;

/// <summary>Revokes one secret of a client at once (not its last valid one).</summary>
public sealed record RevokeClientSecretCommand(Guid TenantId, string ClientId, Guid SecretId) : ICommand;
