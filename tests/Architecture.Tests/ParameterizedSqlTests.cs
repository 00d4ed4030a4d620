using System.Text.RegularExpressions;

namespace EventAgents.Architecture.Tests;

/// <summary>SQL is always parameterized: no string interpolation or concatenation into raw SQL anywhere in src.</summary>
public sealed partial class ParameterizedSqlTests
{
    [Test]
    public void No_raw_sql_is_built_from_strings()
    {
        var offending = SourceFiles()
            .SelectMany(file => File.ReadAllLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(x => StringBuiltSql().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(RepositoryRoot(), x.file)}:{x.number}: {x.line.Trim()}")
            .ToList();

        Assert.That(offending, Is.Empty);
    }

    [Test]
    public void The_scan_recognises_interpolated_sql()
    {
        Assert.That(StringBuiltSql().IsMatch("db.Database.ExecuteSqlRaw($\"DELETE FROM t WHERE id = {id}\")"), Is.True);
        Assert.That(StringBuiltSql().IsMatch("new NpgsqlCommand(\"SELECT 1 FROM t WHERE a = \" + value, connection)"), Is.True);
        Assert.That(StringBuiltSql().IsMatch("command.CommandText = $\"SELECT {x}\";"), Is.True);
        Assert.That(StringBuiltSql().IsMatch("dataSource.CreateCommand($\"SELECT {input}\")"), Is.True);
        Assert.That(StringBuiltSql().IsMatch("new NpgsqlCommand(\"SELECT 1 FROM t WHERE a = $1\", connection)"), Is.False);
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EventAgents.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("EventAgents.sln not found above the test binaries.");
    }

    [GeneratedRegex("""(FromSqlRaw|ExecuteSqlRaw|ExecuteSqlRawAsync|SqlQueryRaw|CommandText\s*=|NpgsqlCommand\(|NpgsqlBatchCommand\(|CreateCommand\()\s*\(?\s*(\$"|\$@"|@\$"|"[^"]*"\s*\+)""")]
    private static partial Regex StringBuiltSql();
}
