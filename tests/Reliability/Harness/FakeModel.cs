using System.Collections.Concurrent;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace EventAgents.Reliability.Harness;

/// <summary>
/// An OpenAI-compatible chat-completions server on 127.0.0.1 that answers "done" after a delay and counts the calls per run
/// (each run's input carries a unique token the counting finds in the request body).
/// </summary>
public sealed class FakeModel : IAsyncDisposable
{
    public const string ApiKey = "sk-reliability-not-a-real-key";
    public const string TokenPrefix = "rt-";

    private readonly ConcurrentDictionary<string, int> _callsByToken = new();
    private LoopbackServer _server = null!;

    public TimeSpan Delay { get; set; }

    public Uri BaseUrl => _server.BaseUrl;

    public IReadOnlyDictionary<string, int> CallsByToken => _callsByToken;

    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Agents__OpenAI__BaseUrl"] = BaseUrl.ToString(),
        ["Agents__OpenAI__ApiKey"] = ApiKey,
        ["Agents__OpenAI__Model"] = "fake-model",
        ["Agents__OpenAI__MaxRetries"] = "0",
    };

    public static async Task<FakeModel> StartAsync(TimeSpan delay)
    {
        var model = new FakeModel { Delay = delay };
        model._server = await LoopbackServer.StartAsync(model.HandleAsync);
        return model;
    }

    public static string NewRunToken() => TokenPrefix + Guid.NewGuid().ToString("N");

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var at = body.IndexOf(TokenPrefix, StringComparison.Ordinal);
        if (at >= 0 && at + TokenPrefix.Length + 32 <= body.Length)
        {
            _callsByToken.AddOrUpdate(body.Substring(at, TokenPrefix.Length + 32), 1, (_, calls) => calls + 1);
        }

        try
        {
            await Task.Delay(Delay, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            id = "chatcmpl-reliability",
            @object = "chat.completion",
            created = 1_764_150_000,
            model = "fake-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = "done" }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 10, completion_tokens = 1, total_tokens = 11 },
        }));
    }
}
