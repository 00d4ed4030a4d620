using EventAgents.Reliability.Harness;
using EventAgents.Reliability.Load;

namespace EventAgents.Reliability.Suites;

/// <summary>
/// Measures the load the service sustains (32 closed-loop clients, p99 well under the brief's 100 ms target on this box),
/// then puts ten times that many clients on it for 30 s with the shipped overload settings: accepted requests must keep
/// p99 under 500 ms, every reject must be a 503 problem+json with Retry-After, nothing else may fail, memory must stay under
/// the limit, and the service must be healthy right after.
/// </summary>
public sealed class OverloadSuite : ISuite
{
    private const int SustainableClients = 32;
    private const int Factor = 10;

    public string Name => "overload";

    public async Task RunAsync(Deployment deployment, Verdict verdict, CancellationToken cancellationToken)
    {
        var api = await deployment.StartInstanceAsync("overload", cancellationToken: cancellationToken);
        var session = await ApiSession.NewTenantAsync(deployment, api.BaseUrl, "overload", cancellationToken);

        var baseline = await MeasureAsync(session, api, SustainableClients, TimeSpan.FromSeconds(10), new WriteLedger(), cancellationToken);
        var ledger = new WriteLedger();
        var sampler = new ResourceSampler(deployment, api, TimeSpan.FromMilliseconds(250));
        using var stopSampling = new CancellationTokenSource();
        var sampling = sampler.RunAsync(withDatabase: false, stopSampling.Token);
        var overload = await MeasureAsync(session, api, SustainableClients * Factor, TimeSpan.FromSeconds(deployment.Options.OverloadSeconds), ledger, cancellationToken);
        await stopSampling.CancelAsync();
        await sampling;
        var readyAfter = await HealthProbe.WaitReadyAsync(deployment.Http, api.BaseUrl, TimeSpan.FromSeconds(2), cancellationToken);
        var after = await MeasureAsync(session, api, 8, TimeSpan.FromSeconds(3), new WriteLedger(), cancellationToken);

        var accepted = overload.Outcomes.Where(o => o.Acknowledged).ToList();
        var rejected = overload.Outcomes.Where(o => o.Status == 503).ToList();
        var badRejects = rejected.Count(o => !o.IsProblemJson || !o.HasRetryAfter);
        var others = overload.Outcomes.Count(o => !o.Acknowledged && o.Status != 503);
        var acceptedP99 = OutcomeLog.Percentile(accepted.Select(o => o.Took), 0.99);
        var rejectP99 = OutcomeLog.Percentile(rejected.Select(o => o.Took), 0.99);
        var peakMemory = sampler.Samples.Count == 0 ? 0 : sampler.Samples.Max(s => s.ResidentMegabytes);
        var afterFailures = after.Outcomes.Count(o => !o.Acknowledged);

        verdict.Figure($"sustainable: {SustainableClients} clients, {baseline.Rate:0} req/s, p99 {baseline.P99.TotalMilliseconds:0} ms")
            .Figure($"{SustainableClients * Factor} clients for {overload.Duration.TotalSeconds:0} s: {accepted.Count / overload.Duration.TotalSeconds:0} accepted/s (p99 {acceptedP99.TotalMilliseconds:0} ms), {rejected.Count / overload.Duration.TotalSeconds:0} rejected/s with 503 (p99 {rejectP99.TotalMilliseconds:0} ms), {others} other")
            .Figure($"peak memory {peakMemory:0} MB")
            .Figure($"after: ready in {readyAfter?.TotalMilliseconds:0} ms, {after.Rate:0} req/s, p99 {after.P99.TotalMilliseconds:0} ms")
            .Expect(acceptedP99 < TimeSpan.FromMilliseconds(500), $"accepted p99 {acceptedP99.TotalMilliseconds:0} ms ≥ 500 ms")
            .Expect(rejected.Count > 0, "nothing was shed: the load was not an overload")
            .Expect(badRejects == 0, $"{badRejects} rejects without problem+json and Retry-After")
            .Expect(others == 0, $"{others} requests failed otherwise ({OutcomeLog.Describe(overload.Outcomes.Where(o => !o.Acknowledged && o.Status != 503))})")
            .Expect(peakMemory < deployment.Options.MemoryLimitMegabytes, $"peak memory {peakMemory:0} MB ≥ {deployment.Options.MemoryLimitMegabytes} MB")
            .Expect(readyAfter is not null, "/health/ready was not 200 right after")
            .Expect(afterFailures == 0 && after.P99 < TimeSpan.FromMilliseconds(500), $"right after: {afterFailures} failures, p99 {after.P99.TotalMilliseconds:0} ms");
        await new LedgerVerifier(session, api.BaseUrl, ledger, verdict).VerifyAsync("rel-", TimeSpan.FromSeconds(10), cancellationToken);
    }

    private static async Task<Measurement> MeasureAsync(
        ApiSession session, ApiInstance api, int clients, TimeSpan duration, WriteLedger ledger, CancellationToken cancellationToken)
    {
        var log = new OutcomeLog();
        var load = new WriteLoad(session, ledger, log, _ => api.BaseUrl);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        await load.RunAsync(clients, stop.Token);
        var outcomes = log.All;
        return new Measurement(outcomes, duration, outcomes.Count(o => o.Acknowledged) / duration.TotalSeconds,
            OutcomeLog.Percentile(outcomes.Where(o => o.Acknowledged).Select(o => o.Took), 0.99));
    }

    private sealed record Measurement(IReadOnlyList<Outcome> Outcomes, TimeSpan Duration, double Rate, TimeSpan P99);
}
