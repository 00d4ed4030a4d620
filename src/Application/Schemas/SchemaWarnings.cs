namespace EventAgents.Application.Schemas;

/// <summary>
/// The warnings of one request's writes in warn-mode subjects, for the <c>Schema-Warning</c> response header: one entry per
/// value that failed, e.g. <c>events/order.placed v2 /events/0/data/amount: Value is "string" but should be "number"</c>.
/// </summary>
public sealed class SchemaWarnings
{
    public const int MaxWarnings = 10;

    private readonly List<string> _warnings = [];

    public IReadOnlyList<string> All => _warnings;

    public void Add(SchemaStamp stamp, SchemaViolation first)
    {
        if (_warnings.Count < MaxWarnings)
        {
            _warnings.Add($"{stamp.Subject} v{stamp.Version} {first.Path}: {first.Message}");
        }
    }
}
