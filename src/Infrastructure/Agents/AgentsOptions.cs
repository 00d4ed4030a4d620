using EventAgents.Domain.Agents;

namespace EventAgents.Infrastructure.Agents;

/// <summary>Agent execution settings, from the environment (<c>Agents__…</c>).</summary>
public sealed class AgentsOptions
{
    public const string SectionName = "Agents";

    public OpenAIProviderOptions OpenAI { get; set; } = new();

    /// <summary>
    /// Runs in flight at once on this instance; 0 turns the workers off (an API-only instance). Runs spend their time
    /// waiting on a model, not on the CPU, so this is sized for waiting: an in-flight run costs a few tens of kilobytes.
    /// </summary>
    public int Workers { get; set; } = 256;

    /// <summary>How long a claim lasts without a heartbeat; at least 3 × <see cref="HeartbeatSeconds"/>.</summary>
    public double LeaseSeconds { get; set; } = 30;

    public double HeartbeatSeconds { get; set; } = 10;

    /// <summary>How often expired leases (dead instances) are looked for.</summary>
    public double SweepSeconds { get; set; } = 5;

    /// <summary>How often idle workers look for queued runs when nothing woke them.</summary>
    public double PollSeconds { get; set; } = 1;

    /// <summary>At shutdown, how long running runs may go on before their leases are released to other instances.</summary>
    public double DrainSeconds { get; set; } = 20;

    public double RetryBaseSeconds { get; set; } = 5;

    public double RetryMaxSeconds { get; set; } = 300;

    /// <summary>The retry rules these settings configure.</summary>
    public RunRetryPolicy RetryPolicy => new(TimeSpan.FromSeconds(RetryBaseSeconds), TimeSpan.FromSeconds(RetryMaxSeconds));
}
