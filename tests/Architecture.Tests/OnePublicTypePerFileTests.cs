using System.Text.RegularExpressions;

namespace EventAgents.Architecture.Tests;

/// <summary>A newcomer finds a public type in the file named after it, alone.</summary>
public sealed partial class OnePublicTypePerFileTests
{
    [Test]
    public void Every_file_under_src_declares_at_most_one_public_type_named_like_the_file()
    {
        var offending = SourceTree.Files()
            .Select(file => (file, types: File.ReadAllLines(file).Select(line => PublicTopLevelType().Match(line)).Where(m => m.Success)
                .Select(m => m.Groups["name"].Value).ToList()))
            .Where(x => x.types.Count > 1 || (x.types.Count == 1 && x.types[0] != Path.GetFileNameWithoutExtension(x.file)))
            .Select(x => $"{Path.GetRelativePath(SourceTree.Root(), x.file)}: {string.Join(", ", x.types)}")
            .ToList();

        Assert.That(offending, Is.Empty);
    }

    [Test]
    public void The_scan_recognises_public_top_level_types()
    {
        Assert.That(PublicTopLevelType().Match("public sealed record DocumentChange(").Groups["name"].Value, Is.EqualTo("DocumentChange"));
        Assert.That(PublicTopLevelType().Match("public readonly record struct RawJson(string Json)").Groups["name"].Value, Is.EqualTo("RawJson"));
        Assert.That(PublicTopLevelType().Match("public static partial class X").Groups["name"].Value, Is.EqualTo("X"));
        Assert.That(PublicTopLevelType().Match("public enum DocumentOrder").Groups["name"].Value, Is.EqualTo("DocumentOrder"));
        Assert.That(PublicTopLevelType().IsMatch("    public sealed record Nested("), Is.False);
        Assert.That(PublicTopLevelType().IsMatch("internal sealed class Helper"), Is.False);
    }

    [GeneratedRegex(@"^public (?:(?:sealed|static|abstract|readonly|partial)\s+)*(?:class|record struct|record|struct|enum|interface)\s+(?<name>\w+)")]
    private static partial Regex PublicTopLevelType();
}
