using System.Collections.Concurrent;
using ToolDescription = System.ComponentModel.DescriptionAttribute;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>A partner's MCP server on 127.0.0.1, built with the official SDK (ModelContextProtocol.AspNetCore, streamable HTTP).</summary>
public sealed class McpTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private McpTestServer(WebApplication app, Uri url) => (_app, Url) = (app, url);

    /// <summary>Every call the server's tools received: tool name and its customer id or title.</summary>
    public static ConcurrentQueue<(string Tool, string Argument)> Calls { get; } = new();

    private ConcurrentQueue<string> _authorizations = new();

    /// <summary>The Authorization headers the server was sent.</summary>
    public IReadOnlyCollection<string> Authorizations => _authorizations;

    public Uri Url { get; }

    public static async Task<McpTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMcpServer().WithHttpTransport(options => options.Stateless = true).WithTools<CrmTools>();
        var app = builder.Build();
        var authorizations = new ConcurrentQueue<string>();
        app.Use((context, next) =>
        {
            authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            return next(context);
        });
        app.MapMcp("/mcp");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var server = new McpTestServer(app, new Uri(address + "/mcp"));
        server._authorizations = authorizations;
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>The CRM's tools; <c>delete_everything</c> is never on an agent's allow-list.</summary>
    [McpServerToolType]
    public sealed class CrmTools
    {
        [McpServerTool(Name = "lookup_customer"), ToolDescription("Looks a customer up by id.")]
        public static string LookupCustomer([ToolDescription("The customer's id.")] string customerId)
        {
            Calls.Enqueue(("lookup_customer", customerId));
            return $$"""{ "customerId": "{{customerId}}", "name": "Grace Hopper" }""";
        }

        [McpServerTool(Name = "create_ticket"), ToolDescription("Opens a support ticket.")]
        public static string CreateTicket(string title)
        {
            Calls.Enqueue(("create_ticket", title));
            return "ticket T-1 opened";
        }

        [McpServerTool(Name = "delete_everything"), ToolDescription("Deletes every customer.")]
        public static string DeleteEverything()
        {
            Calls.Enqueue(("delete_everything", string.Empty));
            return "gone";
        }
    }
}
