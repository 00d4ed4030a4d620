using System.Diagnostics;
using EventAgents.Reliability.Harness;
using EventAgents.Reliability.Load;

namespace EventAgents.Reliability.Suites;

/// <summary>
/// SIGTERM under load while runs are in progress: every request sent before the signal must succeed, the process must exit
/// 0 within the shutdown timeout, and the runs it was executing must be released and finished by the next instance.
/// </summary>
public sealed class GracefulShutdownSuite : ISuite
{
    private const int Runs = 4;
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    public string Name => "shutdown";

    public async Task RunAsync(Deployment deployment, Verdict verdict, CancellationToken cancellationToken)
    {
        // The model answers slower than the drain allows, so the runs are released rather than finished during shutdown.
        await using var model = await FakeModel.StartAsync(TimeSpan.FromSeconds(20));
        var settings = new Dictionary<string, string>(model.Settings) { ["Agents__DrainSeconds"] = "1", ["Agents__Workers"] = "2" };
        var first = await deployment.StartInstanceAsync("shutdown-1", settings, cancellationToken);
        var session = await ApiSession.NewTenantAsync(deployment, first.BaseUrl, "shutdown", cancellationToken);
        var agentId = await Agents.CreateAsync(session, first.BaseUrl, "shutdown-agent", cancellationToken);
        var runs = new List<Guid>();
        for (var i = 0; i < Runs; i++)
        {
            runs.Add(await Agents.StartRunAsync(session, first.BaseUrl, agentId, FakeModel.NewRunToken(), cancellationToken));
        }

        var log = new OutcomeLog();
        var load = new WriteLoad(session, new WriteLedger(), log, _ => first.BaseUrl);
        using var stop = new CancellationTokenSource();
        var traffic = load.RunAsync(16, stop.Token);
        var runningAtSignal = await WaitForRunningAsync(session, first.BaseUrl, runs, cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);

        load.Pause();
        var signalled = DateTimeOffset.UtcNow;
        var (exitCode, took) = await first.TerminateAsync(ShutdownTimeout + TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        await traffic;
        var inFlight = log.All.Where(o => o.StartedAt < signalled).ToList();
        var openAtSignal = inFlight.Count(o => o.StartedAt + o.Took > signalled);
        // Reads of documents not written yet are a correct 404; everything else must have succeeded.
        var failed = inFlight.Where(o => !o.Acknowledged && (o.IsWrite || o.Status != 404)).ToList();

        model.Delay = TimeSpan.FromMilliseconds(100);
        var second = await deployment.StartInstanceAsync("shutdown-2", settings, cancellationToken);
        var clock = Stopwatch.StartNew();
        var statuses = await WaitForFinalAsync(session, second.BaseUrl, runs, TimeSpan.FromSeconds(60), cancellationToken);
        var finishedIn = clock.Elapsed;
        var releasedAndFinished = runningAtSignal.Count(id => statuses[id].Status == "succeeded" && statuses[id].FailedAttempts == 0);

        verdict.Figure($"SIGTERM under 16 clients: {inFlight.Count} requests sent before it ({openAtSignal} still in flight at the signal), {failed.Count} failed {OutcomeLog.Describe(failed)}")
            .Figure($"exit code {exitCode} after {took.TotalSeconds:0.0} s (timeout {ShutdownTimeout.TotalSeconds:0} s)")
            .Figure($"{runningAtSignal.Count} runs in progress at the signal, {releasedAndFinished} finished by the next instance within {finishedIn.TotalSeconds:0.0} s, all {Runs}: {string.Join("/", statuses.Values.Select(s => s.Status).Distinct())}")
            .Expect(openAtSignal > 0, "no request was in flight at the signal")
            .Expect(failed.Count == 0, $"{failed.Count} requests sent before SIGTERM failed")
            .Expect(exitCode == 0, $"exit code {exitCode}")
            .Expect(took < ShutdownTimeout, $"shutdown took {took.TotalSeconds:0.0} s")
            .Expect(runningAtSignal.Count > 0, "no run was in progress at the signal")
            .Expect(releasedAndFinished == runningAtSignal.Count, "runs in progress were not released and finished (without a failed attempt) by the next instance")
            .Expect(statuses.Values.All(s => s.Status == "succeeded"), "not every run succeeded");
    }

    private static async Task<List<Guid>> WaitForRunningAsync(ApiSession session, Uri baseUrl, List<Guid> runs, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var running = new List<Guid>();
            foreach (var runId in runs)
            {
                if ((await Agents.GetRunAsync(session, baseUrl, runId, cancellationToken)).GetProperty("status").GetString() == "running")
                {
                    running.Add(runId);
                }
            }

            if (running.Count >= 2)
            {
                return running;
            }

            await Task.Delay(200, cancellationToken);
        }

        return [];
    }

    private static async Task<Dictionary<Guid, (string Status, int FailedAttempts)>> WaitForFinalAsync(
        ApiSession session, Uri baseUrl, List<Guid> runs, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Dictionary<Guid, (string Status, int FailedAttempts)> statuses = [];
        do
        {
            statuses.Clear();
            foreach (var runId in runs)
            {
                var run = await Agents.GetRunAsync(session, baseUrl, runId, cancellationToken);
                statuses[runId] = (run.GetProperty("status").GetString()!, run.GetProperty("failedAttempts").GetInt32());
            }

            if (statuses.Values.All(s => Agents.IsFinal(s.Status)))
            {
                break;
            }

            await Task.Delay(200, cancellationToken);
        }
        while (clock.Elapsed < timeout);

        return statuses;
    }
}
