namespace EventAgents.Infrastructure.Events.Appending;

/// <summary>
/// Splits a group into rounds that es_append_group can take in one call each: within a round no stream and no event id
/// appears twice. An append goes to the round after the last one that touched any of its streams or ids, so appends that
/// depend on each other keep their order and the rest share the first round.
/// </summary>
internal static class GroupRounds
{
    /// <summary>The rounds as lists of indexes into the group.</summary>
    public static List<List<int>> Split(IReadOnlyList<AppendRequest> group)
    {
        var count = group.Count;
        var rounds = new List<List<int>> { new(count) };
        if (count == 1)
        {
            rounds[0].Add(0);
            return rounds;
        }

        var streams = new Dictionary<string, int>(count, StringComparer.Ordinal);
        var ids = new Dictionary<Guid, int>();
        for (var index = 0; index < count; index++)
        {
            var request = group[index];
            var round = streams.TryGetValue(request.StreamId, out var last) ? last + 1 : 0;
            foreach (var @event in request.Events)
            {
                if (ids.TryGetValue(@event.EventId, out var seen))
                {
                    round = Math.Max(round, seen + 1);
                }
            }

            streams[request.StreamId] = round;
            foreach (var @event in request.Events)
            {
                ids[@event.EventId] = round;
            }

            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(index);
        }

        return rounds;
    }
}
