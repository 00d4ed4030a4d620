namespace EventAgents.Infrastructure.Persistence;

/// <summary>Configuration section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Apply pending EF Core migrations when the API starts.</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>Seconds a single SQL command may run before it is cancelled.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;
}
