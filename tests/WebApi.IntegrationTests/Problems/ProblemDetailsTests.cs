using System.Net;
using System.Net.Http.Json;
using System.Text;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.DocumentsApi;

namespace EventAgents.WebApi.IntegrationTests.Problems;

public sealed class ProblemDetailsTests : ApiTest
{
    [Test]
    public async Task Unknown_route_is_a_404_problem()
    {
        var response = await Client.GetAsync("/api/v1/no-such-thing");

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("instance").GetString(), Is.EqualTo("/api/v1/no-such-thing"));
    }

    [Test]
    public async Task Wrong_method_is_a_405_problem()
    {
        var response = await Client.DeleteAsync("/api/v1/tenants");

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
    }

    [Test]
    public async Task Wrong_content_type_is_a_415_problem()
    {
        var response = await Admin.PostAsync("/api/v1/tenants", new StringContent("name=x", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task Malformed_json_is_a_400_validation_problem_without_type_names()
    {
        var response = await Admin.PostAsync("/api/v1/tenants", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo("https://eventagents.dev/problems/validation"));
        Assert.That(problem.GetProperty("errors").EnumerateObject().Count(), Is.GreaterThan(0));
        Assert.That(problem.ToString(), Does.Not.Contain("System.").And.Not.Contain("LineNumber"));
    }

    [Test]
    public async Task Duplicate_keys_in_a_body_are_a_400_not_a_guess()
    {
        var response = await Admin.PostAsync("/api/v1/tenants", new StringContent("{\"name\":\"a\",\"name\":\"b\"}", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(await (await Admin.GetAsync("/api/v1/tenants")).Content.ReadAsStringAsync(), Does.Not.Contain("\"name\":\"b\""), "nothing was created");
    }

    [Test]
    public async Task A_merge_patch_with_duplicate_keys_is_a_400_and_the_document_is_unchanged()
    {
        using var http = await Auth.PartnerClientAsync("documents:write", "documents:read");
        await http.PutOkAsync("notes", "n-1", new { a = 1 });

        var response = await http.PatchAsync("notes", "n-1", "{\"a\":2,\"a\":3}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var document = await (await http.GetAsync(DocumentsApi.Url("notes", "n-1"))).ReadJsonAsync();
        Assert.That(document.GetProperty("version").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task Text_with_a_nul_character_is_a_400_and_nothing_is_stored()
    {
        var response = await Admin.PostAsync("/api/v1/tenants", new StringContent("{\"name\":\"a\\u0000b\"}", Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("body")[0].GetString(), Does.Contain("NUL"));
    }

    [Test]
    public async Task Invalid_utf8_inside_a_json_string_is_a_400()
    {
        using var http = await Auth.PartnerClientAsync("events:write", "events:read");
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"events\":[{\"type\":\"x\",\"data\":{\"a\":\""), 0xF4, 0x90, 0x80, 0x80, .. Encoding.UTF8.GetBytes("\"}}]}")];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        var response = await http.PostAsync("/api/v1/streams/s-1/events", content);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That((await http.GetAsync("/api/v1/streams/s-1")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "nothing was stored");
    }

    [Test]
    public async Task Errors_are_problem_json_even_when_accept_asks_for_xml()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tenants") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/xml");

        var response = await Admin.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("correlationId").GetString(), Is.Not.Empty);
    }

    [TestCase("/api/v1/streams/s-1/events", """{"events":[null]}""", "events:write")]
    [TestCase("/api/v1/agents", """{"name":"a","instructions":"x","model":{"provider":"echo"},"triggers":[null]}""", "agents:write")]
    [TestCase("/api/v1/agents", """{"name":"a","instructions":"x","model":{"provider":"echo"},"tools":[null]}""", "agents:write")]
    public async Task A_null_item_in_a_list_is_a_400_not_a_500(string path, string body, string scope)
    {
        using var http = await Auth.PartnerClientAsync(scope);

        var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Bracketed_keys_in_a_form_or_a_query_are_plain_names_not_a_500()
    {
        var token = await Client.PostAsync("/api/v1/auth/token", new StringContent("grant_type=client_credentials&x%5B=1", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var query = await Admin.GetAsync("/api/v1/tenants?x%5B=1&limit=5");

        Assert.That((int)token.StatusCode, Is.InRange(400, 499), await token.Content.ReadAsStringAsync());
        Assert.That(query.StatusCode, Is.EqualTo(HttpStatusCode.OK), await query.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task An_agent_without_a_name_is_a_400_not_a_500()
    {
        using var http = await Auth.PartnerClientAsync("agents:write");

        var response = await http.PostAsJsonAsync("/api/v1/agents", new { instructions = "x", model = new { provider = "echo" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("name", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task A_member_of_the_wrong_type_is_a_400_naming_the_member()
    {
        var response = await Admin.PostAsync("/api/v1/tenants", new StringContent("{\"name\": 42}", Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("name", out _), Is.True, problem.ToString());
        Assert.That(problem.ToString(), Does.Not.Contain("System."));
    }

    [Test]
    public async Task Validation_failure_is_a_400_with_an_errors_map_keyed_by_camel_case_path()
    {
        var response = await Admin.PostAsJsonAsync("/api/v1/tenants", new { name = "" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo("https://eventagents.dev/problems/validation"));
        var errors = problem.GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "name" }));
        Assert.That(errors.GetProperty("name")[0].GetString(), Is.Not.Empty);
        Assert.That(await TestDatabase.CountAsync("tenants"), Is.EqualTo(1), "only the platform tenant");
    }

    [Test]
    public async Task Unhandled_exception_in_production_is_a_500_problem_without_internals()
    {
        await using var factory = new ApiFactory(services: AddThrowingController);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/test/throw");

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
        var body = problem.ToString();
        Assert.That(body, Does.Not.Contain("hunter2").And.Not.Contain("InvalidOperationException").And.Not.Contain(" at "));
        Assert.That(problem.TryGetProperty("detail", out _), Is.False);
    }

    [Test]
    public async Task Unhandled_exception_in_development_shows_the_details()
    {
        await using var factory = new ApiFactory(environment: "Development", services: AddThrowingController);
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/test/throw");

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("InvalidOperationException"));
    }

    private static void AddThrowingController(IServiceCollection services) =>
        services.AddControllers().AddApplicationPart(typeof(ThrowingController).Assembly);
}
