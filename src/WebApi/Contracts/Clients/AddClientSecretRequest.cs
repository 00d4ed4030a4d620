namespace EventAgents.WebApi.Contracts.Clients;

/// <summary>A new secret for a client.</summary>
/// <param name="PreviousSecretsExpireAt">When the client's current secrets stop being valid: between now (at once) and 30 days
/// from now; default 24 hours from now. Deploy the new secret before then.</param>
public sealed record AddClientSecretRequest(DateTimeOffset? PreviousSecretsExpireAt);
