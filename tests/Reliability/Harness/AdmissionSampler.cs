using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace EventAgents.Reliability.Harness;

/// <summary>
/// Scrapes an instance's admission figures from <c>/metrics</c> (the instance must run with <c>Metrics__Prometheus=true</c>)
/// at a fixed interval: the limit, requests in progress and waiting, and whether each class of work is overloaded.
/// </summary>
public sealed class AdmissionSampler(HttpClient http, ApiInstance instance, TimeSpan interval)
{
    private readonly ConcurrentQueue<AdmissionSample> _samples = new();

    public IReadOnlyList<AdmissionSample> Samples => [.. _samples];

    public async Task RunAsync(CancellationToken stop)
    {
        var started = DateTimeOffset.UtcNow;
        while (!stop.IsCancellationRequested && instance.IsRunning)
        {
            try
            {
                var scrape = await http.GetStringAsync(new Uri(instance.BaseUrl, "/metrics"), stop);
                foreach (var workClass in new[] { "read", "write" })
                {
                    _samples.Enqueue(new AdmissionSample(
                        DateTimeOffset.UtcNow - started, workClass,
                        Gauge(scrape, "limit", workClass), Gauge(scrape, "in_flight", workClass),
                        Gauge(scrape, "queued", workClass), Gauge(scrape, "overloaded", workClass) > 0));
                }

                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (HttpRequestException)
            {
                // A scrape that failed under load is a missing sample, not a failure of the suite.
            }
        }
    }

    /// <summary>"write limit 8→40→36…": the limit of a class every <paramref name="every"/>, and how much of the time it was overloaded.</summary>
    public string Describe(string workClass, TimeSpan every)
    {
        var samples = Samples.Where(s => s.WorkClass == workClass).ToList();
        if (samples.Count == 0)
        {
            return $"{workClass} limit: no samples";
        }

        var series = new List<int>();
        var next = TimeSpan.Zero;
        foreach (var sample in samples.Where(sample => sample.At >= next))
        {
            series.Add(sample.Limit);
            next = sample.At + every;
        }

        var overloaded = samples.Count(s => s.Overloaded) / (double)samples.Count;
        return string.Create(CultureInfo.InvariantCulture,
            $"{workClass} limit every {every.TotalSeconds:0} s: {string.Join("→", series)} (min {samples.Min(s => s.Limit)}, max {samples.Max(s => s.Limit)}), at most {samples.Max(s => s.InFlight)} in progress and {samples.Max(s => s.Queued)} waiting, overloaded {overloaded:P0} of the time");
    }

    /// <summary>
    /// "p50 ≤ 1 ms, p99 ≤ 5 ms over 1234": how long requests with this outcome (admitted, shed) waited in the server, from the
    /// queue-delay histogram (each quantile as the bucket bound it falls under), over both classes of work.
    /// </summary>
    public async Task<string> DescribeWaitAsync(string outcome, CancellationToken cancellationToken)
    {
        var scrape = await http.GetStringAsync(new Uri(instance.BaseUrl, "/metrics"), cancellationToken);
        var pattern = "^eventagents_admission_queue_delay_seconds_bucket\\{([^}]*outcome=\"" + outcome + "\"[^}]*)\\} (\\d+)";
        var buckets = Regex.Matches(scrape, pattern, RegexOptions.Multiline)
            .Select(m => (Bound: Regex.Match(m.Groups[1].Value, "le=\"([^\"]+)\"").Groups[1].Value, Count: long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .GroupBy(b => b.Bound)
            .Select(g => (Bound: g.Key == "+Inf" ? double.PositiveInfinity : double.Parse(g.Key, CultureInfo.InvariantCulture), Count: g.Sum(b => b.Count)))
            .OrderBy(b => b.Bound)
            .ToList();
        var total = buckets.Count == 0 ? 0 : buckets[^1].Count;
        if (total == 0)
        {
            return $"{outcome}: none";
        }

        string Quantile(double q) => buckets.First(b => b.Count >= q * total).Bound is var bound && double.IsInfinity(bound)
            ? "> 5 s"
            : string.Create(CultureInfo.InvariantCulture, $"≤ {bound * 1000:0} ms");
        return string.Create(CultureInfo.InvariantCulture, $"{outcome} after waiting p50 {Quantile(0.5)}, p99 {Quantile(0.99)} in the server ({total} requests)");
    }

    private static int Gauge(string scrape, string name, string workClass)
    {
        var match = Regex.Match(scrape, $"^eventagents_admission_{name}\\{{[^}}]*class=\"{workClass}\"[^}}]*\\}} (\\d+)", RegexOptions.Multiline);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}

public sealed record AdmissionSample(TimeSpan At, string WorkClass, int Limit, int InFlight, int Queued, bool Overloaded);
