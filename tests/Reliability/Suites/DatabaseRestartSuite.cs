using EventAgents.Reliability.Harness;
using EventAgents.Reliability.Load;

namespace EventAgents.Reliability.Suites;

/// <summary>
/// Stops PostgreSQL under load for a few seconds and starts it again: /health/ready must go 503 and back to 200, requests
/// during the outage must fail fast with 503 problem+json, the API must recover without a restart, and nothing acknowledged
/// may be lost.
/// </summary>
public sealed class DatabaseRestartSuite : ISuite
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(6);

    public string Name => "db-restart";

    public async Task RunAsync(Deployment deployment, Verdict verdict, CancellationToken cancellationToken)
    {
        await using var model = await FakeModel.StartAsync(TimeSpan.FromMilliseconds(200));
        var (api, session, agentId) = await deployment.StartWithAgentAsync("db-restart", model, cancellationToken);

        var ledger = new WriteLedger();
        var log = new OutcomeLog();
        var load = new WriteLoad(session, ledger, log, _ => api.BaseUrl) { AgentId = agentId };
        var probe = new HealthProbe(deployment.Http, api.BaseUrl);
        using var stop = new CancellationTokenSource();
        var traffic = load.RunAsync(12, stop.Token);
        var probing = probe.RunAsync(stop.Token);

        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var stopping = DateTimeOffset.UtcNow;
        await deployment.StopPostgresAsync();
        var down = DateTimeOffset.UtcNow;
        await Task.Delay(Outage, cancellationToken);
        var starting = DateTimeOffset.UtcNow;
        await deployment.StartPostgresAsync();
        var recovery = await HealthProbe.WaitReadyAsync(deployment.Http, api.BaseUrl, TimeSpan.FromSeconds(60), cancellationToken);
        var recovered = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(traffic, probing);

        // Writes need the database; reads may still be answered from the document cache, which is the better outcome.
        var duringOutage = log.Between(down, starting);
        var failedFast = duringOutage.Where(o => o.Status == 503 && o.IsProblemJson).ToList();
        var otherDuringOutage = duringOutage.Count(o => (o.IsWrite || o.Status >= 500) && (o.Status != 503 || !o.IsProblemJson));
        var servedFromCache = duringOutage.Count(o => !o.IsWrite && o.Status is 200 or 404);
        var serverErrors = log.All.Count(o => o.Status >= 500 && o.Status != 503);
        var noAnswer = log.All.Count(o => o.NoAnswer);
        var healthDuringOutage = probe.Samples.Where(s => s.At >= down && s.At < starting).Select(s => s.Status).Distinct().ToList();
        var acknowledgedAfter = log.Between(recovered, DateTimeOffset.MaxValue).Count(o => o.Acknowledged);
        var p99 = OutcomeLog.Percentile(failedFast.Select(o => o.Took), 0.99);
        var slowest = failedFast.Count == 0 ? TimeSpan.Zero : failedFast.Max(o => o.Took);

        verdict.Figure($"PostgreSQL down {(starting - stopping).TotalSeconds:0.0} s under 12 writers")
            .Figure($"{duringOutage.Count} requests during the outage: {OutcomeLog.Describe(duringOutage)} ({servedFromCache} reads answered from the cache), 503 p99 {p99.TotalMilliseconds:0} ms, max {slowest.TotalMilliseconds:0} ms")
            .Figure($"/health/ready during the outage: {string.Join("/", healthDuringOutage)}; 200 again {recovery?.TotalSeconds:0.0} s after the restart")
            .Figure($"{acknowledgedAfter} writes acknowledged after recovery")
            .Expect(duringOutage.Count > 0, "no requests were made during the outage")
            .Expect(otherDuringOutage == 0, $"{otherDuringOutage} writes or failures during the outage were not a 503 problem+json")
            .Expect(p99 < TimeSpan.FromSeconds(1) && slowest < TimeSpan.FromSeconds(5), "requests during the outage did not fail fast (p99 < 1 s, max < 5 s)")
            .Expect(healthDuringOutage.Count == 1 && healthDuringOutage[0] == 503, "/health/ready did not answer 503 throughout the outage")
            .Expect(recovery is not null, "/health/ready did not return to 200 within 60 s")
            .Expect(acknowledgedAfter > 0, "no write succeeded after recovery")
            .Expect(serverErrors == 0, $"{serverErrors} answers were 5xx other than 503")
            .Expect(noAnswer == 0, $"{noAnswer} requests got no answer");
        await new LedgerVerifier(session, api.BaseUrl, ledger, verdict).VerifyAsync(load.StreamPrefix, TimeSpan.FromSeconds(90), cancellationToken);
    }
}
