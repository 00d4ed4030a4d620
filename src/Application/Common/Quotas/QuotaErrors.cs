using EventAgents.Application.Common.Exceptions;

namespace EventAgents.Application.Common.Quotas;

/// <summary>The quota problems (docs/problems.md).</summary>
public static class QuotaErrors
{
    public static QuotaExceededException Agents(int max) =>
        new("agent-quota", $"The tenant has {max} agents, the most it may have; delete one first.");

    public static QuotaExceededException Webhooks(int max) =>
        new("webhook-quota", $"The tenant has {max} webhook subscriptions, the most it may have; delete one first.");

    public static QuotaExceededException RunsPerAppend(string detail) =>
        new("trigger-fan-out", $"The append was refused: {detail}. Nothing was stored.");

    public static QuotaExceededException Storage(string detail) =>
        new("storage-quota", $"The tenant's storage quota is used up ({detail}); nothing was stored.", status: 507);

    public static QuotaExceededException RunsPerMinute(string detail) =>
        new("run-quota", $"The tenant's agent runs are limited per minute ({detail}); nothing was stored, retry later.", 60);
}
