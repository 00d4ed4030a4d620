using System.Collections.Concurrent;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace EventAgents.Reliability.Harness;

/// <summary>A webhook endpoint on 127.0.0.1 that answers 200 and keeps each delivery's event id and position in arrival order.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<(Guid EventId, long Position)> _deliveries = new();
    private LoopbackServer _server = null!;

    public Uri Url => new(_server.BaseUrl, "hook");

    public IReadOnlyList<(Guid EventId, long Position)> Deliveries => [.. _deliveries];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver._server = await LoopbackServer.StartAsync(receiver.HandleAsync);
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        if (body.RootElement.TryGetProperty("data", out var data) && data.TryGetProperty("position", out var position))
        {
            _deliveries.Enqueue((data.GetProperty("eventId").GetGuid(), position.GetInt64()));
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
