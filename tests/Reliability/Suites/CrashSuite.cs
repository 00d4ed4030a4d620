using System.Diagnostics;
using EventAgents.Reliability.Harness;
using EventAgents.Reliability.Load;

namespace EventAgents.Reliability.Suites;

/// <summary>
/// kill -9 the API several times under concurrent appends, document writes and run starts, restart it each time, then
/// check that every acknowledged write is stored exactly once, no batch is partial, versions are gapless and every
/// accepted run reaches a final status; runs that pause for a client tool and an approval (answered throughout) lose no
/// answer and never make an approved call twice; streams trimmed, soft-deleted and erased meanwhile (LifecycleLoad) end as
/// acknowledged, with the scavenger running, and cost no other stream a write.
/// </summary>
public sealed class CrashSuite : ISuite
{
    private const int Kills = 4;

    public string Name => "crash";

    public async Task RunAsync(Deployment deployment, Verdict verdict, CancellationToken cancellationToken)
    {
        await using var model = await FakeModel.StartAsync(TimeSpan.FromMilliseconds(300));
        var (api, session, agentId) = await deployment.StartWithAgentAsync("crash", model, cancellationToken);

        var ledger = new WriteLedger();
        var log = new OutcomeLog();
        var load = new WriteLoad(session, ledger, log, _ => api.BaseUrl) { AgentId = agentId };
        var paused = new PausedRunsLoad(session, () => api.BaseUrl);
        var lifecycle = new LifecycleLoad(session, () => api.BaseUrl);
        await paused.CreateAgentAsync(cancellationToken);
        using var stop = new CancellationTokenSource();
        var traffic = Task.WhenAll(load.RunAsync(16, stop.Token), paused.RunAsync(stop.Token), lifecycle.RunAsync(stop.Token));
        var random = new Random();
        var downtime = TimeSpan.Zero;
        for (var kill = 0; kill < Kills; kill++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(2000, 4000)), cancellationToken);
            await api.KillAsync();
            var clock = Stopwatch.StartNew();
            await api.RestartAsync(cancellationToken);
            downtime += clock.Elapsed;
        }

        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        await stop.CancelAsync();
        await traffic;

        var outcomes = log.All;
        var serverErrors = outcomes.Count(o => o.Status >= 500 && o.Status != 503);
        verdict.Figure($"{Kills} × kill -9 under 16 writers, back to ready in {downtime.TotalSeconds / Kills:0.0} s on average")
            .Figure($"{outcomes.Count} requests ({OutcomeLog.Describe(outcomes)})")
            .Expect(serverErrors == 0, $"{serverErrors} answers were 5xx other than 503");
        await new LedgerVerifier(session, api.BaseUrl, ledger, verdict).VerifyAsync(load.StreamPrefix, TimeSpan.FromSeconds(90), cancellationToken);
        await paused.VerifyAsync(verdict, TimeSpan.FromSeconds(90), cancellationToken);
        await lifecycle.VerifyAsync(verdict, TimeSpan.FromSeconds(60), cancellationToken);
    }
}
