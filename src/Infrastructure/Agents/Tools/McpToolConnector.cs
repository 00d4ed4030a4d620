using System.Net.Http;
using System.Text.Json;
using EventAgents.Application.Agents.Runs;
using EventAgents.Application.Common.Json;
using EventAgents.Domain.Agents;
using EventAgents.Infrastructure.Outbound;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace EventAgents.Infrastructure.Agents.Tools;

/// <summary>
/// Connects runs to partners' MCP servers (streamable HTTP, the official C# SDK) through the outbound client every partner
/// call uses: the SSRF guard at connect time and no redirects; the server's timeout bounds connecting and each call.
/// A call's result is the server's structured content, or its text (JSON as it is, other text as a JSON string).
/// </summary>
internal sealed class McpToolConnector : IDisposable
{
    private readonly HttpClient _http;
    private readonly ILoggerFactory _loggers;

    public McpToolConnector(OutboundUrlGuard guard, ILoggerFactory loggers)
    {
        _loggers = loggers;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = guard.ConnectAsync,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Connects and lists the server's tools; a server that cannot be reached is a retryable failure of the attempt.</summary>
    public async Task<(McpClient Client, IList<McpClientTool> Tools)> ConnectAsync(McpTool server, string? toolSecret, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(server.EffectiveTimeoutSeconds));
        McpClient? client = null;
        try
        {
            var transport = new HttpClientTransport(
                new HttpClientTransportOptions
                {
                    Endpoint = new Uri(server.Url),
                    TransportMode = HttpTransportMode.StreamableHttp,
                    Name = server.Name,
                    ConnectionTimeout = TimeSpan.FromSeconds(server.EffectiveTimeoutSeconds),
                    AdditionalHeaders = server.SendToolSecret == true && toolSecret is not null
                        ? new Dictionary<string, string> { ["Authorization"] = "Bearer " + toolSecret }
                        : null,
                },
                _http, _loggers, ownsHttpClient: false);
            client = await McpClient.CreateAsync(transport, null, _loggers, timeout.Token);
            return (client, await client.ListToolsAsync(cancellationToken: timeout.Token));
        }
        catch (Exception ex) when (ex is HttpRequestException or McpException or IOException or JsonException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }

            throw new ToolServerUnavailableException(server.Name);
        }
    }

    public static async Task<ToolOutcome> CallAsync(
        McpClient client, McpTool server, string tool, JsonElement arguments, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(server.EffectiveTimeoutSeconds));
        try
        {
            var result = await client.CallToolAsync(
                tool, arguments.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone()), cancellationToken: timeout.Token);
            var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(block => block.Text));
            return result.IsError == true
                ? ToolOutcome.Failed(ToolErrorCodes.Failed, text.Length > 500 ? text[..500] : text)
                : new ToolOutcome(result.StructuredContent is { } structured ? structured.GetRawText() : JsonText.AsJsonValue(text), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ToolOutcome.Failed(ToolErrorCodes.TimedOut, $"No answer within {server.EffectiveTimeoutSeconds} s.");
        }
        catch (Exception ex) when (ex is HttpRequestException or McpException or IOException or JsonException)
        {
            return ToolOutcome.Failed(ToolErrorCodes.Unreachable, "The tool's server could not be reached or refused the call.");
        }
    }

    public void Dispose() => _http.Dispose();
}
