using System.Net.Http;
using System.Text;
using System.Text.Json;
using EventAgents.Application.Agents.Runs;
using EventAgents.Application.Common.Json;
using EventAgents.Domain.Agents;
using EventAgents.Infrastructure.Outbound;
using EventAgents.Infrastructure.Webhooks;

namespace EventAgents.Infrastructure.Agents.Tools;

/// <summary>
/// Calls a partner's http tool: the model's arguments as the JSON body, signed like a webhook with the agent's tool secret
/// (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>), plus <c>EventAgents-Run-Id</c>,
/// <c>EventAgents-Agent-Id</c> and <c>EventAgents-Tool</c>. The SSRF guard runs at connect time, redirects are not followed,
/// the tool's timeout bounds the call and at most 64 KiB of the answer is read. A 2xx answer's body is the result (JSON as it
/// is, other text as a JSON string); anything else is a failed call with a code the model is told.
/// </summary>
internal sealed class HttpToolCaller : IDisposable
{
    private readonly HttpClient _http;
    private readonly AgentToolSecrets _secrets;
    private readonly TimeProvider _clock;

    public HttpToolCaller(OutboundUrlGuard guard, AgentToolSecrets secrets, TimeProvider clock)
    {
        (_secrets, _clock) = (secrets, clock);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = guard.ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseDrainSize = CustomToolRules.MaxResponseBytes,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<ToolOutcome> CallAsync(
        Guid tenantId, Guid agentId, Guid runId, HttpTool tool, string messageId, JsonElement arguments, CancellationToken cancellationToken)
    {
        if (await _secrets.OfAsync(tenantId, agentId, cancellationToken) is not { } secret)
        {
            return ToolOutcome.Failed(ToolErrorCodes.NoToolSecret, "The agent has no tool secret; rotate it to create one.");
        }

        using var request = new WebhookMessage(messageId, arguments.GetRawText()).ToRequest(new Uri(tool.Url), secret, _clock.GetUtcNow());
        request.Headers.UserAgent.Clear();
        request.Headers.UserAgent.ParseAdd("EventAgents-Tools/1.0");
        request.Headers.Add("EventAgents-Run-Id", runId.ToString("D"));
        request.Headers.Add("EventAgents-Agent-Id", agentId.ToString("D"));
        request.Headers.Add("EventAgents-Tool", tool.Name);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(tool.EffectiveTimeoutSeconds));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadBoundedAsync(response.Content, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is < 200 or >= 300)
            {
                return ToolOutcome.Failed(ToolErrorCodes.HttpError, $"HTTP {status}");
            }

            return body is null
                ? ToolOutcome.Failed(ToolErrorCodes.ResponseTooLarge, $"The answer is longer than {CustomToolRules.MaxResponseBytes} bytes.")
                : new ToolOutcome(JsonText.AsJsonValue(body), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ToolOutcome.Failed(ToolErrorCodes.TimedOut, $"No answer within {tool.EffectiveTimeoutSeconds} s.");
        }
        catch (HttpRequestException)
        {
            return ToolOutcome.Failed(ToolErrorCodes.Unreachable, "The tool's URL could not be reached.");
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The body as text, or null when it is longer than the tool may answer.</summary>
    private static async Task<string?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[CustomToolRules.MaxResponseBytes + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
        {
            read += n;
        }

        return read > CustomToolRules.MaxResponseBytes ? null : Encoding.UTF8.GetString(buffer, 0, read);
    }
}
