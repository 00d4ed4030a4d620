namespace EventAgents.Application.Clients;

/// <summary>A new secret of a client: the only time its value is shown.</summary>
/// <param name="PreviousSecretsExpireAt">When the client's other secrets stop being valid.</param>
public sealed record CreatedClientSecretDto(Guid Id, string ClientSecret, DateTimeOffset CreatedAt, DateTimeOffset PreviousSecretsExpireAt);
