namespace EventAgents.Domain.Clients;

/// <summary>What revoking one of a client's secrets came to.</summary>
public enum SecretRevocation
{
    Revoked,
    Unknown,

    /// <summary>Refused: it is the client's only valid secret (revoke the client instead).</summary>
    LastValidSecret,
}
