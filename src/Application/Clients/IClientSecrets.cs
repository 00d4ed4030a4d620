namespace EventAgents.Application.Clients;

/// <summary>Makes client secrets and keeps only slow salted hashes of them.</summary>
public interface IClientSecrets
{
    /// <summary>A new random secret (at least 32 bytes from a CSPRNG), URL-safe.</summary>
    string NewSecret();

    string Hash(string secret);

    bool Verify(string hash, string secret);

    /// <summary>Costs what <see cref="Verify"/> costs, for unknown clients, so timing does not reveal which ids exist.</summary>
    void VerifyNothing(string secret);
}
