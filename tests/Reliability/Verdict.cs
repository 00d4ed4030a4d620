namespace EventAgents.Reliability;

/// <summary>A suite's one-line result: PASS or FAIL with the figures that back it, and each broken promise.</summary>
public sealed class Verdict(string suite)
{
    private readonly List<string> _figures = [];
    private readonly List<string> _failures = [];

    public string Suite { get; } = suite;

    public bool Passed => _failures.Count == 0;

    public IReadOnlyList<string> Failures => _failures;

    public Verdict Figure(string figure)
    {
        _figures.Add(figure);
        return this;
    }

    /// <summary>Records a broken promise unless <paramref name="holds"/>.</summary>
    public Verdict Expect(bool holds, string promise)
    {
        if (!holds)
        {
            _failures.Add(promise);
        }

        return this;
    }

    public Verdict Fail(string promise) => Expect(false, promise);

    public override string ToString() =>
        $"reliability {Suite}: {(Passed ? "PASS" : "FAIL")} — {string.Join("; ", _figures)}" +
        (Passed ? "" : $" — BROKEN: {string.Join("; ", _failures)}");
}
