using System.Text.Json;
using EventAgents.Application.Common.Json;
using EventAgents.Domain.Webhooks;
using EventAgents.Infrastructure.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventAgents.Infrastructure.Webhooks;

/// <summary>
/// Delivers the global log to webhook subscriptions, at least once and in position order per subscription: the loop. Each
/// step takes a due subscription from <see cref="WebhookDeliveryQueue"/> (its row lock held for one attempt), sends the event,
/// lets <see cref="WebhookDeliveryPolicy"/> decide what the answer means, and stores that decision with the attempt. A pending
/// delivery blocks the subscription's later events until it succeeds or its retry window runs out.
/// </summary>
internal sealed partial class WebhookDeliveryWorker(
    WebhookDeliveryQueue queue, WebhookClient client, EventAnnouncer announcer, IOptions<WebhooksOptions> options, TimeProvider clock,
    Telemetry.EventAgentsMetrics metrics, ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Workers <= 0)
        {
            return;
        }

        await Task.WhenAll(Enumerable.Range(0, settings.Workers).Select(_ => LoopAsync(settings, stoppingToken)));
    }

    private async Task LoopAsync(WebhooksOptions settings, CancellationToken stoppingToken)
    {
        var policy = settings.Policy;
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                worked = await DeliverNextAsync(policy, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                LogFailed(logger, ex.GetType().Name);
            }

            if (!worked)
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One step for one due subscription: an attempt, or moving its cursor past events it does not want.</summary>
    private async Task<bool> DeliverNextAsync(WebhookDeliveryPolicy policy, CancellationToken cancellationToken)
    {
        await using var step = await queue.TakeDueAsync(cancellationToken);
        if (step is null)
        {
            return false;
        }

        if (await step.DeliveryToAttemptAsync(cancellationToken) is { } delivery)
        {
            await AttemptAsync(step, delivery, policy, cancellationToken);
        }

        await step.CommitAsync(cancellationToken);
        return true;
    }

    private async Task AttemptAsync(WebhookDeliveryStep step, WebhookDelivery delivery, WebhookDeliveryPolicy policy, CancellationToken cancellationToken)
    {
        var subscription = step.Subscription;
        var body = JsonSerializer.Serialize(new { type = delivery.Event.Type, timestamp = delivery.Event.CreatedAt, data = delivery.Event }, JsonDefaults.Web);
        using var request = new WebhookMessage(delivery.MessageId, body).ToRequest(subscription.Url, subscription.Secret, clock.GetUtcNow());
        var result = await client.SendAsync(request, cancellationToken);
        var decision = policy.Decide(
            new WebhookAttemptAnswer(result.Succeeded, result.StatusCode, result.RetryAfter),
            delivery.StateWith(subscription.ConsecutiveFailures),
            clock.GetUtcNow(),
            Random.Shared.NextDouble());

        await step.RecordAsync(delivery, result, decision, cancellationToken);
        metrics.WebhookDelivery(decision.Status == WebhookDeliveryStatus.Pending ? "retrying" : WebhookDeliveryStep.StoredName(decision.Status));
        if (decision.Disables)
        {
            await step.AppendDisabledAsync(decision, cancellationToken);
            announcer.Committed(subscription.TenantId);
            LogDisabled(logger, subscription.Id, decision.DisableReason!);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery step failed ({Error}); retrying")]
    private static partial void LogFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {WebhookId} disabled: {Reason}")]
    private static partial void LogDisabled(ILogger logger, Guid webhookId, string reason);
}
