using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>A partner's http tool on 127.0.0.1: records each call (as a webhook receiver sees it, plus the run headers) and answers as told.</summary>
public sealed class ToolReceiver : IAsyncDisposable
{
    private LoopbackServer _server = null!;

    public ConcurrentQueue<(Received Message, string RunId, string Tool)> Calls { get; } = new();

    public Uri Url => new(_server.BaseUrl, "tools/lookup");

    public int Status { get; set; } = 200;

    public string ResponseBody { get; set; } = """{ "name": "Ada Lovelace", "tier": "gold" }""";

    public TimeSpan Delay { get; set; }

    public static async Task<ToolReceiver> StartAsync()
    {
        var receiver = new ToolReceiver();
        receiver._server = await LoopbackServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers;
            receiver.Calls.Enqueue((
                new Received(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(), body),
                headers["EventAgents-Run-Id"].ToString(),
                headers["EventAgents-Tool"].ToString()));
            if (receiver.Delay > TimeSpan.Zero)
            {
                await Task.Delay(receiver.Delay);
            }

            context.Response.StatusCode = receiver.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(receiver.ResponseBody);
        });
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
