using System.Collections.Concurrent;

namespace EventAgents.Reliability.Harness;

/// <summary>Polls /health/ready every 100 ms, as a load balancer would, and keeps what it saw.</summary>
public sealed class HealthProbe(HttpClient http, Uri baseUrl)
{
    private readonly ConcurrentQueue<(DateTimeOffset At, int Status)> _samples = new();

    public IReadOnlyList<(DateTimeOffset At, int Status)> Samples => [.. _samples];

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            _samples.Enqueue((DateTimeOffset.UtcNow, await ReadyStatusAsync(http, baseUrl)));
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    public static async Task<int> ReadyStatusAsync(HttpClient http, Uri baseUrl)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await http.GetAsync(new Uri(baseUrl, "/health/ready"), timeout.Token);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return 0;
        }
    }

    /// <summary>Waits until /health/ready answers 200; returns how long that took, or null after <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan?> WaitReadyAsync(HttpClient http, Uri baseUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await ReadyStatusAsync(http, baseUrl) == 200)
            {
                return clock.Elapsed;
            }

            await Task.Delay(100, cancellationToken);
        }

        return null;
    }
}
