using EventAgents.Application.Common.Security;
using EventAgents.Domain.Schemas;

namespace EventAgents.Application.Schemas;

/// <summary>
/// Checks written values against their subject's schema: the latest version, or the one the writer names. Enforce refuses
/// the whole request with every violation (422, nothing stored); warn lets it through with a <see cref="SchemaWarnings"/>
/// entry; off (or no subject) checks nothing. A tenant without enforced subjects costs one dictionary lookup per request.
/// </summary>
public sealed class SchemaEnforcement(ISchemaCatalog catalog, ICurrentPrincipal principal, SchemaWarnings warnings, SchemaMetrics metrics)
{
    /// <summary>
    /// The stamps of a batch of <paramref name="count"/> values (null where nothing was checked), or a
    /// <see cref="SchemaViolationException"/> with all failures. The values are asked for (<paramref name="valueAt"/>) and their
    /// request paths made (<paramref name="pathOf"/>) only when the tenant has enforced subjects: the write path of a tenant
    /// without any allocates nothing here.
    /// </summary>
    public async ValueTask<SchemaStamp?[]?> CheckAsync(
        int count, Func<int, (SchemaSubject Subject, string Json, int? Version)> valueAt, Func<int, string> pathOf, CancellationToken cancellationToken)
    {
        var rules = await catalog.RulesAsync(principal.TenantId, cancellationToken);
        if (rules.Count == 0)
        {
            return null;
        }

        SchemaStamp?[]? stamps = null;
        List<SchemaViolation>? refused = null;
        for (var i = 0; i < count; i++)
        {
            var (subject, value, version) = valueAt(i);
            if (!rules.TryGetValue(subject, out var rule))
            {
                continue;
            }

            var path = pathOf(i);

            var checkedVersion = version ?? rule.LatestVersion;
            var name = subject.ToString();
            var schema = await catalog.SchemaAsync(principal.TenantId, subject, checkedVersion, cancellationToken);
            if (schema is null)
            {
                (refused ??= []).Add(new SchemaViolation(path, $"{name} has no version {checkedVersion}.", name, checkedVersion));
                continue;
            }

            var violations = schema.Errors(value, SchemaRules.MaxReportedErrors)
                .Select(e => new SchemaViolation(path + e.Pointer, e.Message, name, checkedVersion))
                .ToList();
            var stamp = new SchemaStamp(name, checkedVersion, violations.Count == 0);
            (stamps ??= new SchemaStamp?[count])[i] = stamp;
            if (violations.Count == 0)
            {
                metrics.Checked(subject.Segment, "valid");
            }
            else if (rule.Enforcement == EnforcementMode.Enforce)
            {
                metrics.Checked(subject.Segment, "refused");
                (refused ??= []).AddRange(violations);
            }
            else
            {
                metrics.Checked(subject.Segment, "warned");
                warnings.Add(stamp, violations[0]);
            }
        }

        return refused is { Count: > 0 }
            ? throw new SchemaViolationException(refused.Take(SchemaRules.MaxReportedErrors).ToList())
            : stamps;
    }

    /// <summary>One value (a document's data after the write).</summary>
    public async ValueTask<SchemaStamp?> CheckAsync(SchemaSubject subject, string json, int? version, string path, CancellationToken cancellationToken) =>
        (await CheckAsync(1, _ => (subject, json, version), _ => path, cancellationToken))?[0];
}
