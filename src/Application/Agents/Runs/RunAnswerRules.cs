namespace EventAgents.Application.Agents.Runs;

/// <summary>Bounds of the tool outputs and approval decisions posted to a paused run.</summary>
public static class RunAnswerRules
{
    public const int MaxAnswers = 64;
    public const int MaxCallIdLength = 200;
    public const int MaxReasonLength = 1000;

    public static bool HaveDistinctCallIds(IEnumerable<string?> callIds)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return callIds.All(id => id is null || seen.Add(id));
    }
}
