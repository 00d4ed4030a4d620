using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using EventAgents.Reliability.Harness;

namespace EventAgents.Reliability.Load;

/// <summary>
/// Runs that pause (issue #20) through crashes: each asks a client tool for a confirmation and wants an approved append of
/// one event to a stream of its own; an answerer posts the outputs and approvals of whatever waits, again and again (the
/// same answers: idempotent). Afterwards every accepted run must be final, no answered call lost (the output reached the
/// model) and no approved append made twice (its stream holds at most one event, and exactly one unless the call was
/// reported interrupted).
/// </summary>
public sealed class PausedRunsLoad(ApiSession session, Func<Uri> baseUrl)
{
    private readonly ConcurrentDictionary<Guid, string> _runs = new();
    private Guid _agentId;

    public async Task CreateAgentAsync(CancellationToken cancellationToken)
    {
        var agent = await session.SendJsonAsync(baseUrl(), HttpMethod.Post, "/api/v1/agents", new
        {
            name = "crash-approvals",
            instructions = "Confirm, then record.",
            model = new { provider = "echo" },
            tools = new[] { "events.append" },
            toolsRequiringApproval = new[] { "events.append" },
            customTools = new object[] { new { kind = "client", name = "confirm", parameters = new { type = "object" } } },
            maxAttempts = 10,
        }, cancellationToken);
        _agentId = agent.GetProperty("id").GetGuid();
    }

    /// <summary>Starts paused runs and answers waiting ones until <paramref name="stop"/>; failures while the API is down are expected.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var token = Guid.NewGuid().ToString("N")[..12];
                var runId = await Agents.StartRunAsync(session, baseUrl(), _agentId, token, CancellationToken.None, Input(token));
                _runs[runId] = token;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                // The API is being killed or restarted.
            }

            await AnswerWaitingAsync(CancellationToken.None);
            await Delay(TimeSpan.FromMilliseconds(200), stop);
        }
    }

    /// <summary>Answers until every accepted run is final (or the deadline passes), then checks what they did.</summary>
    public async Task VerifyAsync(Verdict verdict, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var final = new Dictionary<Guid, JsonElement>();
        while (final.Count < _runs.Count && clock.Elapsed < deadline)
        {
            await AnswerWaitingAsync(cancellationToken);
            foreach (var runId in _runs.Keys.Where(id => !final.ContainsKey(id)))
            {
                var run = await Agents.GetRunAsync(session, baseUrl(), runId, cancellationToken);
                if (Agents.IsFinal(run.GetProperty("status").GetString()))
                {
                    final[runId] = run;
                }
            }

            await Task.Delay(300, cancellationToken);
        }

        var appendedTwice = 0;
        var lost = 0;
        var interrupted = 0;
        foreach (var (runId, run) in final)
        {
            var token = _runs[runId];
            var events = await CountEventsAsync($"approved-{token}", cancellationToken);
            var results = run.TryGetProperty("output", out var output) && output.ValueKind == JsonValueKind.Object && output.TryGetProperty("results", out var r)
                ? r.EnumerateArray().ToList()
                : [];
            var wasInterrupted = results.Count == 2 && results[1].ValueKind == JsonValueKind.Object && results[1].TryGetProperty("error", out var e)
                && e.GetString() == "interrupted";
            interrupted += wasInterrupted ? 1 : 0;
            appendedTwice += events > 1 ? 1 : 0;
            var confirmed = results.Count == 2 && results[0].ValueKind == JsonValueKind.Object
                && results[0].TryGetProperty("confirmed", out var c) && c.GetString() == token;
            lost += run.GetProperty("status").GetString() != "succeeded" || !confirmed || (!wasInterrupted && events != 1) ? 1 : 0;
        }

        verdict.Figure($"{final.Count}/{_runs.Count} paused runs final after {clock.Elapsed.TotalSeconds:0.0} s ({interrupted} approved calls reported interrupted)")
            .Expect(final.Count == _runs.Count, $"{_runs.Count - final.Count} paused runs not final within {deadline.TotalSeconds} s")
            .Expect(!_runs.IsEmpty, "no paused run was accepted")
            .Expect(appendedTwice == 0, $"{appendedTwice} approved appends were made twice")
            .Expect(lost == 0, $"{lost} paused runs lost an answer or an approved call");
    }

    private static object Input(string token) => new
    {
        toolCalls = new object[]
        {
            new { tool = "confirm", arguments = new { token } },
            new { tool = "events.append", arguments = new { streamId = $"approved-{token}", type = "approved", data = new { token } } },
        },
    };

    private static string Confirmation(string token) => JsonSerializer.Serialize(new { confirmed = token });

    private async Task AnswerWaitingAsync(CancellationToken cancellationToken)
    {
        try
        {
            var page = await session.GetJsonAsync(baseUrl(), $"/api/v1/runs?agentId={_agentId}&status=requires_action&limit=200", cancellationToken);
            foreach (var run in page.GetProperty("items").EnumerateArray())
            {
                var runId = run.GetProperty("id").GetGuid();
                if (!_runs.TryGetValue(runId, out var token))
                {
                    continue;
                }

                foreach (var call in run.GetProperty("requiredAction").GetProperty("calls").EnumerateArray().Where(c => !c.GetProperty("answered").GetBoolean()))
                {
                    var callId = call.GetProperty("id").GetString();
                    var (path, body) = call.GetProperty("needs").GetString() == "output"
                        ? ("tool-outputs", (object)new { outputs = new[] { new { callId, output = JsonDocument.Parse(Confirmation(token)).RootElement } } })
                        : ("approvals", new { decisions = new[] { new { callId, approve = true } } });
                    using var _ = await session.SendAsync(baseUrl(), HttpMethod.Post, $"/api/v1/runs/{runId}/{path}", body, cancellationToken);
                }
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // The API is down for a moment; the next round answers.
        }
    }

    private async Task<int> CountEventsAsync(string stream, CancellationToken cancellationToken)
    {
        using var response = await session.SendAsync(baseUrl(), HttpMethod.Get, $"/api/v1/streams/{stream}/events?limit=10", null, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return 0;
        }

        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return page.RootElement.GetProperty("items").GetArrayLength();
    }

    private static async Task Delay(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
