using System.Net;
using System.Text.RegularExpressions;
using EventAgents.WebApi.Infrastructure.Security;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Microsoft.Playwright.NUnit;

namespace EventAgents.WebApi.IntegrationTests.Browser;

/// <summary>
/// What a partner developer does first, in a real browser (Debian's chromium, installed by build/test.sh; Playwright downloads
/// nothing): Authorize with client credentials in Swagger UI, then Try it out on append, read, create and get a document, and
/// see a problem.
/// </summary>
[NonParallelizable]
public sealed partial class SwaggerUiTests : PlaywrightTest
{
    private const string Chromium = "/usr/bin/chromium";

    private ApiFactory _api = null!;
    private string _baseUrl = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public void StartApi()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"{Chromium} is missing: build/test.sh installs Debian's chromium package.");
        }

        _api = new ApiFactory();
        _api.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        _api.StartServer();
        _baseUrl = _api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    [OneTimeTearDown]
    public async Task StopApi() => await _api.DisposeAsync();

    // PlaywrightTest starts Playwright per test, before this runs.
    [SetUp]
    public async Task LaunchBrowser() =>
        _browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });

    [TearDown]
    public async Task CloseBrowser() => await _browser.DisposeAsync();

    [Test]
    public async Task A_partner_authorizes_with_client_credentials_and_tries_the_main_operations()
    {
        await TestDatabase.ResetAsync();
        await _api.Services.EnsureBootstrapClientAsync();
        var partner = await new TestAuth(_api).CreatePartnerAsync("events:read", "events:write", "documents:read", "documents:write");
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_baseUrl + "/swagger/index.html");

        await AuthorizeAsync(page, partner.ClientId, partner.ClientSecret);
        await page.ReloadAsync();   // persistAuthorization: what follows would be 401s if the reload had lost the token

        var append = await ExecuteAsync(page, "Streams", "AppendEvents", new() { ["streamId"] = "browser-1" });
        Assert.That(append.Status, Is.EqualTo("201"), append.Body);
        var read = await ExecuteAsync(page, "Streams", "ReadStreamEvents", new() { ["streamId"] = "browser-1" });
        Assert.That(read.Status, Is.EqualTo("200"), read.Body);
        Assert.That(read.Body, Does.Contain("order.placed"));

        var created = await ExecuteAsync(page, "Documents", "CreateDocument", new() { ["collection"] = "orders" });
        Assert.That(created.Status, Is.EqualTo("201"), created.Body);
        var id = DocumentId().Match(created.Body).Groups[1].Value;
        var got = await ExecuteAsync(page, "Documents", "GetDocument", new() { ["collection"] = "orders", ["id"] = id });
        Assert.That(got.Status, Is.EqualTo("200"), got.Body);
        Assert.That(got.Body, Does.Contain("acme"));

        var missing = await ExecuteAsync(page, "Documents", "GetDocument", new() { ["collection"] = "orders", ["id"] = "missing" });
        Assert.That(missing.Status, Is.EqualTo("404"), missing.Body);
        Assert.That(missing.Body, Does.Contain("https://eventagents.dev/problems/not-found").And.Contain("correlationId"));
    }

    [Test]
    public async Task A_wrong_secret_shows_the_error_in_the_page_and_no_browser_login_dialog()
    {
        var partner = await new TestAuth(_api).CreatePartnerAsync("events:read");
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        await page.GotoAsync(_baseUrl + "/swagger/index.html");

        var token = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/v1/auth/token", StringComparison.Ordinal));
        await OpenAuthorizeAsync(page, partner.ClientId, "wrong-secret");
        var response = await token;

        Assert.That(response.Status, Is.EqualTo(401));
        Assert.That(await response.HeaderValueAsync("www-authenticate"), Is.Null, "a Basic challenge would pop the browser's own login dialog");
        await Expect(page.Locator(".auth-container .errors")).ToContainTextAsync("invalid_client");
        Assert.That(dialogs, Is.Zero);
    }

    private async Task AuthorizeAsync(IPage page, string clientId, string secret)
    {
        var token = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/v1/auth/token", StringComparison.Ordinal));
        await OpenAuthorizeAsync(page, clientId, secret);
        Assert.That((await token).Status, Is.EqualTo(200));
        await Expect(page.Locator(".auth-container button", new() { HasText = "Logout" }).First).ToBeVisibleAsync();
        await page.Locator("button.btn-done").First.ClickAsync();
    }

    private static async Task OpenAuthorizeAsync(IPage page, string clientId, string secret)
    {
        await page.Locator("button.authorize").First.ClickAsync();
        var oauth = page.Locator(".auth-container").Filter(new() { HasText = "clientCredentials" });
        await oauth.Locator("#client_id_clientCredentials").FillAsync(clientId);
        await oauth.Locator("#client_secret_clientCredentials").FillAsync(secret);
        await oauth.Locator("button.modal-btn.authorize").ClickAsync();
    }

    /// <summary>Opens an operation, fills its path parameters, keeps the example body, executes it and reads the live response.</summary>
    private async Task<(string Status, string Body)> ExecuteAsync(IPage page, string tag, string operationId, Dictionary<string, string> parameters)
    {
        var operation = page.Locator($"#operations-{tag}-{operationId}");
        if (!await operation.Locator(".opblock-body").IsVisibleAsync())
        {
            await operation.Locator(".opblock-summary").First.ClickAsync();
        }

        foreach (var (name, value) in parameters)
        {
            await operation.Locator($"tr[data-param-name='{name}'] input").FillAsync(value);
        }

        var status = operation.Locator(".live-responses-table .response .response-col_status").First;
        await operation.Locator("button.execute").ClickAsync();
        await Expect(status).ToHaveTextAsync(new Regex(@"^\d{3}"));
        var body = await operation.Locator(".live-responses-table .response-col_description pre").First.InnerTextAsync();
        var text = (await status.InnerTextAsync()).Trim();
        // Clear, so that the next execution of the same operation is read afresh.
        var clear = operation.Locator("button.btn-clear");
        if (await clear.IsVisibleAsync())
        {
            await clear.ClickAsync();
        }

        return (text[..3], body);
    }

    [GeneratedRegex("\"id\":\\s*\"([^\"]+)\"")]
    private static partial Regex DocumentId();
}
