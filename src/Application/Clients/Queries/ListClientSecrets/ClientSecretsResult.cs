namespace EventAgents.Application.Clients.Queries.ListClientSecrets;

public sealed record ClientSecretsResult(IReadOnlyList<ClientSecretDto> Items);
