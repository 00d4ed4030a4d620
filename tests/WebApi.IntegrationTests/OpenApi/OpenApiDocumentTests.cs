using System.Net;
using System.Text.Json;
using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.OpenApi;

public sealed class OpenApiDocumentTests : ApiTest
{
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options"];

    [Test]
    public async Task The_document_loads_and_every_operation_has_a_unique_PascalCase_operation_id()
    {
        var document = await LoadDocumentAsync();
        var operations = Operations(document).ToList();

        Assert.That(operations, Is.Not.Empty);
        var missing = operations.Where(o => !o.Operation.TryGetProperty("operationId", out _)).Select(o => o.Name).ToList();
        Assert.That(missing, Is.Empty, "operations without an operationId");
        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()!).ToList();
        Assert.That(ids, Is.Unique);
        Assert.That(ids, Has.All.Match("^[A-Z][A-Za-z0-9]+$"));
    }

    [Test]
    public async Task Every_operation_has_a_summary_and_documents_its_errors_as_problem_json()
    {
        var document = await LoadDocumentAsync();

        foreach (var (name, operation) in Operations(document))
        {
            Assert.That(operation.TryGetProperty("summary", out _), Is.True, $"{name} has no summary");
            var oauthErrors = operation.GetProperty("operationId").GetString() == "IssueToken";
            foreach (var response in operation.GetProperty("responses").EnumerateObject()
                .Where(r => r.Name[0] is '4' or '5' && !(oauthErrors && r.Name is "400" or "401")))
            {
                var content = response.Value.GetProperty("content");
                Assert.That(content.EnumerateObject().Select(c => c.Name), Is.EqualTo(new[] { "application/problem+json" }),
                    $"{name} {response.Name}");
            }
        }
    }

    [TestCase("AppendEvents", "201", true)]
    [TestCase("ReadStreamEvents", "200", false)]
    [TestCase("ReadAllEvents", "200", false)]
    [TestCase("GetStream", "200", false)]
    [TestCase("ListStreams", "200", false)]
    [TestCase("FollowEvents", "200", false)]
    [TestCase("CreateDocument", "201", true)]
    [TestCase("PutDocument", "200", true)]
    [TestCase("GetDocument", "200", false)]
    [TestCase("ListDocuments", "200", false)]
    [TestCase("GetDocumentHistory", "200", false)]
    [TestCase("ListCollections", "200", false)]
    [TestCase("CreateAgent", "201", true)]
    [TestCase("ReplaceAgent", "200", true)]
    [TestCase("GetAgent", "200", false)]
    [TestCase("ListAgents", "200", false)]
    [TestCase("StartRun", "202", true)]
    [TestCase("GetRun", "200", false)]
    [TestCase("ListRuns", "200", false)]
    [TestCase("CancelRun", "202", false)]
    [TestCase("GetRunSteps", "200", false)]
    [TestCase("CreateWebhook", "201", true)]
    [TestCase("GetWebhook", "200", false)]
    [TestCase("ListWebhooks", "200", false)]
    [TestCase("UpdateWebhook", "200", true)]
    [TestCase("PingWebhook", "200", false)]
    [TestCase("ListWebhookDeliveries", "200", false)]
    public async Task Operations_carry_examples_and_their_scope(string operationId, string status, bool hasBody)
    {
        var document = await LoadDocumentAsync();
        var operation = Operations(document).Single(o => o.Operation.GetProperty("operationId").GetString() == operationId).Operation;

        var response = operation.GetProperty("responses").GetProperty(status).GetProperty("content").EnumerateObject().First().Value;
        Assert.That(response.TryGetProperty("example", out _), Is.True, $"{operationId} has no response example");
        if (hasBody)
        {
            var request = operation.GetProperty("requestBody").GetProperty("content").EnumerateObject().First().Value;
            Assert.That(request.TryGetProperty("example", out _), Is.True, $"{operationId} has no request example");
        }

        Assert.That(operation.GetProperty("security").GetArrayLength(), Is.GreaterThan(0));
        Assert.That(operation.GetProperty("responses").TryGetProperty("401", out _), Is.True);
        Assert.That(operation.GetProperty("responses").TryGetProperty("403", out _), Is.True);
    }

    [Test]
    public async Task Swagger_ui_is_served()
    {
        var response = await Client.GetAsync("/swagger/index.html");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("swagger"));
    }

    [Test]
    public async Task The_document_can_be_switched_off()
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["OpenApi:Enabled"] = "false" });
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/swagger/v1/swagger.json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_committed_document_is_what_the_api_serves()
    {
        var served = System.Text.Json.Nodes.JsonNode.Parse((await LoadDocumentAsync()).GetRawText());
        var committedPath = Path.Combine(RepositoryRoot(), "docs", "openapi", "v1.json");
        var committed = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(committedPath));

        Assert.That(System.Text.Json.Nodes.JsonNode.DeepEquals(served, committed), Is.True,
            "docs/openapi/v1.json is out of date: run build/openapi.sh and commit it");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "EventAgents.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("EventAgents.sln not found above the test binaries.");
    }

    private async Task<JsonElement> LoadDocumentAsync()
    {
        var response = await Client.GetAsync("/swagger/v1/swagger.json");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var document = await response.ReadJsonAsync();
        Assert.That(document.GetProperty("openapi").GetString(), Does.StartWith("3."));
        return document;
    }

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(method => HttpMethods.Contains(method.Name))
            .Select(method => ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value)));
}
