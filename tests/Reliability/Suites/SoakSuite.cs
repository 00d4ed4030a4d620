using EventAgents.Reliability.Harness;
using EventAgents.Reliability.Load;

namespace EventAgents.Reliability.Suites;

/// <summary>
/// Mixed load (appends, document writes and reads, run starts, two live SSE followers) for ten minutes: after a warm-up of a
/// fifth of the time, resident memory may grow less than 10 %, and threads and database connections must stay flat.
/// </summary>
public sealed class SoakSuite : ISuite
{
    public string Name => "soak";

    public async Task RunAsync(Deployment deployment, Verdict verdict, CancellationToken cancellationToken)
    {
        await using var model = await FakeModel.StartAsync(TimeSpan.FromMilliseconds(50));
        var (api, session, agentId) = await deployment.StartWithAgentAsync("soak", model, cancellationToken);
        var duration = TimeSpan.FromMinutes(deployment.Options.SoakMinutes);

        var ledger = new WriteLedger();
        var log = new OutcomeLog();
        var load = new WriteLoad(session, ledger, log, _ => api.BaseUrl) { AgentId = agentId };
        var sampler = new ResourceSampler(deployment, api, TimeSpan.FromSeconds(Math.Clamp(duration.TotalSeconds / 120, 1, 5)));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        await Task.WhenAll(
            load.RunAsync(8, stop.Token),
            FollowAsync(session, api.BaseUrl, stop.Token),
            FollowAsync(session, api.BaseUrl, stop.Token),
            sampler.RunAsync(withDatabase: true, stop.Token));

        var samples = sampler.Samples;
        var window = duration / 5;
        var early = samples.Where(s => s.At >= window && s.At < 2 * window).ToList();
        var late = samples.Where(s => s.At >= duration - window).ToList();
        if (early.Count == 0 || late.Count == 0)
        {
            verdict.Fail("too few samples");
            return;
        }

        var memoryGrowth = late.Max(s => s.ResidentMegabytes) / early.Max(s => s.ResidentMegabytes) - 1;
        var (earlyThreads, lateThreads) = (early.Max(s => s.Threads), late.Max(s => s.Threads));
        var (earlyConnections, lateConnections) = (early.Max(s => s.DatabaseConnections), late.Max(s => s.DatabaseConnections));
        var outcomes = log.All;
        var failures = outcomes.Count(o => !o.Acknowledged && o.Status != 404);

        verdict.Figure($"{duration.TotalMinutes:0.#} min, {outcomes.Count} requests ({outcomes.Count / duration.TotalSeconds:0} req/s: {OutcomeLog.Describe(outcomes)}), {ledger.AcceptedRuns.Count} runs, 2 live followers")
            .Figure($"memory {early.Max(s => s.ResidentMegabytes):0} → {late.Max(s => s.ResidentMegabytes):0} MB ({memoryGrowth:+0.0%;-0.0%}), threads {earlyThreads} → {lateThreads}, database connections {earlyConnections} → {lateConnections}")
            .Expect(memoryGrowth < 0.10, $"resident memory grew {memoryGrowth:0.0%} after warm-up")
            .Expect(lateThreads <= earlyThreads * 1.1 + 2, $"threads grew from {earlyThreads} to {lateThreads}")
            .Expect(lateConnections <= earlyConnections + 2, $"database connections grew from {earlyConnections} to {lateConnections}")
            .Expect(failures == 0, $"{failures} requests failed");
        await new LedgerVerifier(session, api.BaseUrl, ledger, verdict).VerifyAsync(load.StreamPrefix, TimeSpan.FromSeconds(60), cancellationToken);
    }

    /// <summary>A live follower of the tenant's log that reconnects from its last id, as an SSE client does.</summary>
    private static async Task FollowAsync(ApiSession session, Uri baseUrl, CancellationToken stop)
    {
        var lastId = "0";
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var request = session.Request(baseUrl, HttpMethod.Get, "/api/v1/events/live");
                request.Headers.Add("Last-Event-ID", lastId);
                using var response = await session.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
                while (await reader.ReadLineAsync(stop) is { } line)
                {
                    if (line.StartsWith("id: ", StringComparison.Ordinal))
                    {
                        lastId = line[4..];
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
            {
            }
        }
    }
}
