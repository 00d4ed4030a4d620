using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>A partner's webhook endpoint on 127.0.0.1: answers with scripted statuses (then 200) and records what arrives.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<int> _statuses = new();
    private LoopbackServer _server = null!;

    public ConcurrentQueue<Received> Received { get; } = new();

    public Uri Url => new(_server.BaseUrl, "hooks");

    /// <summary>How long each request is held before it is answered.</summary>
    public TimeSpan Delay { get; set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver._server = await LoopbackServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (receiver.Delay > TimeSpan.Zero)
            {
                await Task.Delay(receiver.Delay);
            }

            receiver.Received.Enqueue(new Received(
                context.Request.Headers["webhook-id"].ToString(), context.Request.Headers["webhook-timestamp"].ToString(),
                context.Request.Headers["webhook-signature"].ToString(), body));
            context.Response.StatusCode = receiver._statuses.TryDequeue(out var status) ? status : 200;
            if (context.Response.StatusCode is >= 300 and < 400)
            {
                context.Response.Headers.Location = "http://169.254.169.254/latest/meta-data/";
            }
        });
        return receiver;
    }

    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _statuses.Enqueue(status);
        }
    }

    public async Task<List<Received>> WaitForAsync(int count, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (Received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return Received.ToList();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    /// <summary>The Standard Webhooks signature check a receiver does, from the published algorithm.</summary>
    public static bool Verifies(Received message, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{message.Id}.{message.Timestamp}.{message.Body}")));
        return message.Signature.Split(' ').Any(s => s.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), Encoding.ASCII.GetBytes(expected)));
    }
}

/// <summary>One request as the receiver saw it.</summary>
public sealed record Received(string Id, string Timestamp, string Signature, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
