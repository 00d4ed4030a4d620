namespace EventAgents.Infrastructure.Persistence.Sql;

/// <summary>SQL that EF Core cannot model (functions), kept as reviewable .sql files embedded in the assembly.</summary>
internal static class SqlScripts
{
    public static string Load(string name)
    {
        using var stream = typeof(SqlScripts).Assembly.GetManifestResourceStream($"EventAgents.Infrastructure.Persistence.Sql.{name}")
            ?? throw new InvalidOperationException($"SQL script {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
