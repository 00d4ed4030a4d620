using System.Collections.Concurrent;
using System.Diagnostics;
using EventAgents.Reliability.Fuzz;
using EventAgents.Reliability.Harness;

namespace EventAgents.Reliability.Suites;

/// <summary>
/// For every operation of docs/openapi/v1.json, thousands of malformed or hostile requests as tenant A: never a 5xx, never
/// a hang, never a stack trace or SQL in an answer, never tenant B's data; afterwards the service is healthy and B's
/// resources are intact.
/// </summary>
public sealed class FuzzSuite : ISuite
{
    private const int Workers = 12;
    private const int MaxReportedViolations = 15;
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(15);

    /// <summary>For retries: every request says Connection: close, so none reuses a connection.</summary>
    private static readonly HttpClient NewConnections = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Quotas and page budgets low enough that fuzzed requests reach them: each must answer with its problem, never a 500.</summary>
    private static readonly Dictionary<string, string> TightLimits = new()
    {
        ["Quotas__MaxAgentsPerTenant"] = "12",
        ["Quotas__MaxWebhooksPerTenant"] = "6",
        ["Quotas__MaxRunsPerAppend"] = "3",
        ["Quotas__MaxRunsPerTenantPerMinute"] = "60",
        ["Quotas__MaxStoredBytesPerTenant"] = "30000000",
        ["Paging__MaxPageBytes"] = "65536",
    };

    public string Name => "fuzz";

    public async Task RunAsync(Deployment deployment, Verdict verdict, CancellationToken cancellationToken)
    {
        var api = await deployment.StartInstanceAsync("fuzz", TightLimits, cancellationToken);
        var fixtures = await FuzzFixtures.CreateAsync(deployment, api.BaseUrl, cancellationToken);
        var operations = OpenApiOperations.Load(deployment.Options.OpenApiDocument).All();
        var budget = deployment.Options.FuzzCasesPerOperation;
        var statuses = new ConcurrentDictionary<int, int>();
        var violations = new ConcurrentQueue<string>();
        var violationCount = 0;
        var retried = 0;
        var clock = Stopwatch.StartNew();

        for (var index = 0; index < operations.Count; index++)
        {
            var operation = operations[index];
            var next = -1;
            var operationSeed = deployment.Options.Seed + index * 1_000;
            var operationClock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
            {
                var factory = new FuzzCaseFactory(fixtures, api.BaseUrl, new Random(operationSeed + worker));
                while (Interlocked.Increment(ref next) < budget)
                {
                    var fuzzCase = factory.Create(operation);
                    var (status, violation) = await SendAsync(deployment.Http, fuzzCase, fixtures.OtherMarker, cancellationToken);
                    if (status == 0)
                    {
                        // A connection the server closed after an earlier answer (413, 431, an unread body) can fail the next
                        // request sent on it; a client retries that on a new connection, and so do we, once.
                        Interlocked.Increment(ref retried);
                        (status, violation) = await SendAsync(deployment.Http, fuzzCase, fixtures.OtherMarker, cancellationToken, newConnection: true);
                    }

                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    if (violation is not null && Interlocked.Increment(ref violationCount) <= MaxReportedViolations)
                    {
                        violations.Enqueue($"{operation} [{fuzzCase.Kind}: {fuzzCase.Description}] → {violation}");
                    }
                }
            }, cancellationToken)));
            if (operationClock.Elapsed > TimeSpan.FromSeconds(budget / 50.0))
            {
                Console.Error.WriteLine($"fuzz: slow operation {operation}: {budget} cases in {operationClock.Elapsed.TotalSeconds:0.0} s");
            }
        }

        var took = clock.Elapsed;
        var total = statuses.Values.Sum();
        var ready = await HealthProbe.WaitReadyAsync(deployment.Http, api.BaseUrl, TimeSpan.FromSeconds(5), cancellationToken);
        var otherBroken = await fixtures.VerifyOtherIntactAsync(api.BaseUrl, cancellationToken);
        foreach (var violation in violations)
        {
            Console.Error.WriteLine($"fuzz (seed {deployment.Options.Seed}): {violation}");
        }

        verdict.Figure($"{operations.Count} operations × {budget} cases = {total} requests in {took.TotalSeconds:0} s (seed {deployment.Options.Seed})")
            .Figure("statuses " + string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key switch { 0 => "none", -1 => "closed", _ => s.Key }}×{s.Value}")))
            .Figure($"{retried} retried on a new connection, {violationCount} violations")
            .Expect(violationCount == 0, $"{violationCount} answers broke a promise (first: {violations.FirstOrDefault()})")
            .Expect(api.IsRunning && ready is not null, "the service was not healthy afterwards")
            .Expect(otherBroken.Count == 0, $"tenant B's resources changed: {string.Join(", ", otherBroken)}");
    }

    private static async Task<(int Status, string? Violation)> SendAsync(
        HttpClient http, FuzzCase fuzzCase, string otherMarker, CancellationToken cancellationToken, bool newConnection = false)
    {
        using var request = fuzzCase.Build();
        if (newConnection)
        {
            http = NewConnections;
            request.Headers.ConnectionClose = true;
        }

        var oversized = request.Content?.Headers.ContentLength > 1024 * 1024 || request.Headers.Sum(h => h.Value.Sum(v => v.Length)) > 32 * 1024;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(HangAfter);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var status = (int)response.StatusCode;
            if (response.Content.Headers.ContentType?.MediaType == "text/event-stream" && status == 200)
            {
                return (status, null);
            }

            var body = await response.Content.ReadAsStringAsync(limit.Token);
            return (status, ResponseInspector.Violation(status, body, otherMarker));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, $"no answer within {HangAfter.TotalSeconds} s");
        }
        catch (HttpRequestException) when (oversized)
        {
            // Kestrel answers 413/431 and closes the connection while the client is still sending: the client may see
            // the close before the answer. A refusal, not a failure.
            return (-1, null);
        }
        catch (HttpRequestException e)
        {
            return (0, $"connection failed: {e.GetBaseException().Message}");
        }
    }
}
