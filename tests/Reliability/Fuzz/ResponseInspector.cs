using System.Text.RegularExpressions;

namespace EventAgents.Reliability.Fuzz;

/// <summary>What no answer may ever show: a 5xx, a stack trace, SQL or database internals, or another tenant's data.</summary>
public static partial class ResponseInspector
{
    public static string? Violation(int status, string body, string otherTenantMarker)
    {
        // 507 is the tenant's storage quota, a refusal the fuzz instance's tight quota is meant to reach.
        if (status >= 500 && !(status == 507 && body.Contains("/problems/storage-quota", StringComparison.Ordinal)))
        {
            return $"status {status}";
        }

        if (body.Contains(otherTenantMarker, StringComparison.Ordinal))
        {
            return "another tenant's data in the answer";
        }

        var leak = Internals().Match(body);
        return leak.Success ? $"internal detail in the answer: \"{leak.Value}\"" : null;
    }

    [GeneratedRegex(
        @"\bat [A-Za-z_][\w.`<>]*\(|[A-Za-z.]+Exception\b|\bNpgsql|\bPostgres[A-Z]|SqlState|\bSQLSTATE|syntax error at or near|\bFROM (es_|documents|agent|webhook|api_clients|tenants)|\bes_append\(|EventAgents\.(Infrastructure|Application|Domain|WebApi)\.|/src/[A-Za-z]+/",
        RegexOptions.CultureInvariant)]
    private static partial Regex Internals();
}
