using System.Collections.Concurrent;

namespace EventAgents.Reliability.Load;

/// <summary>Every request's outcome, for the figures of a verdict.</summary>
public sealed class OutcomeLog
{
    private readonly ConcurrentQueue<Outcome> _outcomes = new();

    public void Add(Outcome outcome) => _outcomes.Enqueue(outcome);

    public IReadOnlyList<Outcome> All => [.. _outcomes];

    public IReadOnlyList<Outcome> Between(DateTimeOffset from, DateTimeOffset to) =>
        [.. _outcomes.Where(o => o.StartedAt >= from && o.StartedAt < to)];

    public static TimeSpan Percentile(IEnumerable<TimeSpan> values, double percentile)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public static string Describe(IEnumerable<Outcome> outcomes) =>
        string.Join(", ", outcomes.GroupBy(o => o.NoAnswer ? "no answer" : o.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}×{g.Count()}"));
}
