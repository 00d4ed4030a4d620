namespace EventAgents.Domain.Tenants;

/// <summary>A partner organisation. Every tenant-owned row belongs to exactly one tenant.</summary>
public sealed class Tenant
{
    public const int MaxNameLength = 200;

    /// <summary>The operator's own tenant; only its clients may hold the <c>admin</c> scope.</summary>
    public static readonly Guid PlatformId = new("00000000-0000-7000-8000-000000000001");

    private Tenant(Guid id, string name, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsPlatform => Id == PlatformId;

    public static Tenant CreatePlatform(DateTimeOffset now) => new(PlatformId, "Platform", now);

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
