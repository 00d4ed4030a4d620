using EventAgents.Reliability.Harness;

namespace EventAgents.Reliability.Suites;

/// <summary>One reliability promise, proven against real processes; failures go into the verdict, not exceptions.</summary>
public interface ISuite
{
    string Name { get; }

    Task RunAsync(Deployment deployment, Verdict verdict, CancellationToken cancellationToken);
}
