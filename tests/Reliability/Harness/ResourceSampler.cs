using System.Collections.Concurrent;

namespace EventAgents.Reliability.Harness;

/// <summary>Samples an instance's resident memory and threads, and the database connections, at a fixed interval.</summary>
public sealed class ResourceSampler(Deployment deployment, ApiInstance instance, TimeSpan interval)
{
    private readonly ConcurrentQueue<ResourceSample> _samples = new();

    public IReadOnlyList<ResourceSample> Samples => [.. _samples];

    public async Task RunAsync(bool withDatabase, CancellationToken stop)
    {
        var started = DateTimeOffset.UtcNow;
        while (!stop.IsCancellationRequested && instance.IsRunning)
        {
            var (resident, threads) = instance.Sample();
            var connections = withDatabase ? await deployment.CountDatabaseConnectionsAsync(CancellationToken.None) : 0;
            _samples.Enqueue(new ResourceSample(DateTimeOffset.UtcNow - started, resident, threads, connections));
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}

public sealed record ResourceSample(TimeSpan At, long ResidentBytes, int Threads, int DatabaseConnections)
{
    public double ResidentMegabytes => ResidentBytes / 1024.0 / 1024.0;
}
