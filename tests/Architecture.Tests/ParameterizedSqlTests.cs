using System.Text.RegularExpressions;

namespace EventAgents.Architecture.Tests;

/// <summary>SQL is always parameterized: no string interpolation or concatenation into raw SQL anywhere in src.</summary>
public sealed partial class ParameterizedSqlTests
{
    [Test]
    public void No_raw_sql_is_built_from_strings()
    {
        var offending = SourceTree.Files()
            .SelectMany(file => File.ReadAllLines(file).Select((line, index) => (file, line, number: index + 1)))
            .Where(x => StringBuiltSql().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(SourceTree.Root(), x.file)}:{x.number}: {x.line.Trim()}")
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

    [GeneratedRegex("""(FromSqlRaw|ExecuteSqlRaw|ExecuteSqlRawAsync|SqlQueryRaw|CommandText\s*=|NpgsqlCommand\(|NpgsqlBatchCommand\(|CreateCommand\()\s*\(?\s*(\$"|\$@"|@\$"|"[^"]*"\s*\+)""")]
    private static partial Regex StringBuiltSql();
}
