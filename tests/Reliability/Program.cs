using EventAgents.Reliability;
using EventAgents.Reliability.Harness;
using EventAgents.Reliability.Suites;

ISuite[] catalog =
[
    new CrashSuite(), new DatabaseRestartSuite(), new GracefulShutdownSuite(), new TwoInstancesSuite(),
    new OverloadSuite(), new SoakSuite(), new FuzzSuite(),
];

RunnerOptions options;
try
{
    options = RunnerOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var selected = options.Suites.Count == 0 ? catalog : options.Suites.Select(name => catalog.SingleOrDefault(s => s.Name == name)).ToArray();
if (selected.Any(s => s is null))
{
    Console.Error.WriteLine($"unknown suite; the suites are: {string.Join(", ", catalog.Select(s => s.Name))}");
    return 2;
}

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};

var failed = 0;
foreach (var suite in selected)
{
    var verdict = new Verdict(suite!.Name);
    // Every loop inside a suite has its own bound; this one catches what they miss.
    using var limit = CancellationTokenSource.CreateLinkedTokenSource(interrupted.Token);
    limit.CancelAfter(TimeSpan.FromMinutes(15 + options.SoakMinutes));
    await using (var deployment = new Deployment(options with { WorkDirectory = Path.Combine(options.WorkDirectory, suite.Name) }))
    {
        try
        {
            await suite.RunAsync(deployment, verdict, limit.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !interrupted.IsCancellationRequested)
        {
            verdict.Fail($"the suite could not finish: {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine(e);
        }
    }

    Console.WriteLine(verdict);
    failed += verdict.Passed ? 0 : 1;
}

return failed == 0 ? 0 : 1;
