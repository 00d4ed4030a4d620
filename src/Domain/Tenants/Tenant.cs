namespace EventAgents.Domain.Tenants;

/// <summary>A partner organisation. Every tenant-owned row belongs to exactly one tenant.</summary>
public sealed class Tenant
{
    public const int MaxNameLength = 200;

    private Tenant(Guid id, string name, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Tenant Create(string name, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var trimmed = name.Trim();
        if (trimmed.Length > MaxNameLength)
        {
            throw new ArgumentException($"A tenant name has at most {MaxNameLength} characters.", nameof(name));
        }

        return new Tenant(Guid.CreateVersion7(now), trimmed, now);
    }
}
