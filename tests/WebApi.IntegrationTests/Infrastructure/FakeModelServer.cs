using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// A real OpenAI-compatible chat-completions server on 127.0.0.1 for agent tests: it answers with the scripted replies in
/// order (then the default reply) and records every request's body and headers.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    public const string ApiKey = "sk-test-not-a-real-key-0123456789";

    private readonly ConcurrentQueue<Reply> _script = new();
    private LoopbackServer _server = null!;

    public static FakeModelServer Shared { get; } = StartAsync().GetAwaiter().GetResult();

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The next requests' replies, in order; after them every request gets a plain "done".</summary>
    public void Script(params Reply[] replies)
    {
        _script.Clear();
        Requests.Clear();
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    public static Reply ToolCall(string name, object arguments) => new(200, Completion(
        new { role = "assistant", content = (string?)null, tool_calls = new[] { new { id = "call_1", type = "function", function = new { name, arguments = JsonSerializer.Serialize(arguments) } } } },
        "tool_calls"));

    public static Reply Answer(string text) => new(200, Completion(new { role = "assistant", content = text }, "stop"));

    public static Reply Status(int status) => new(status, """{ "error": { "message": "scripted failure", "type": "server_error" } }""");

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static string Completion(object message, string finishReason) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-fake",
        @object = "chat.completion",
        created = 1_764_150_000,
        model = "fake-model",
        choices = new[] { new { index = 0, message, finish_reason = finishReason } },
        usage = new { prompt_tokens = 10, completion_tokens = 5, total_tokens = 15 },
    });

    private static async Task<FakeModelServer> StartAsync()
    {
        var fake = new FakeModelServer();
        fake._server = await LoopbackServer.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            fake.Requests.Enqueue(new RecordedRequest(body, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            var reply = fake._script.TryDequeue(out var next) ? next : Answer("done");
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body);
        });
        fake.BaseUrl = new Uri(fake._server.BaseUrl, "v1/");
        return fake;
    }

    public sealed record Reply(int Status, string Body);

    public sealed record RecordedRequest(string Body, IReadOnlyDictionary<string, string> Headers)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }
}
