using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests;

/// <summary>
/// The contract check run when the whole suite ends: every status code and tracked header any test saw on an API operation must
/// be declared for that operation in the committed docs/openapi/v1.json. A failure here fails the run (and the build).
/// </summary>
public static class ResponseContract
{
    public static IReadOnlyList<string> Violations()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DocumentPath()));
        var paths = document.RootElement.GetProperty("paths");
        var violations = new List<string>();
        foreach (var ((method, path, status), headers) in ResponseLog.Snapshot().OrderBy(e => e.Key.ToString(), StringComparer.Ordinal))
        {
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method, out var operation))
            {
                violations.Add($"{method.ToUpperInvariant()} {path}: not in the document");
                continue;
            }

            var name = $"{operation.GetProperty("operationId").GetString()} ({method.ToUpperInvariant()} {path})";
            if (!operation.GetProperty("responses").TryGetProperty(status, out var response))
            {
                violations.Add($"{name}: answered {status}, which is not declared");
                continue;
            }

            var declared = response.TryGetProperty("headers", out var h)
                ? h.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase)
                : [];
            violations.AddRange(headers.Where(header => !declared.Contains(header)).Select(header => $"{name} {status}: sent {header}, which is not declared"));
        }

        return violations;
    }

    private static string DocumentPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "openapi", "v1.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/openapi/v1.json not found above " + AppContext.BaseDirectory);
    }
}
