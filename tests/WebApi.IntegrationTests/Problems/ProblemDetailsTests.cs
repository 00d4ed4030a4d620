using System.Net;
using System.Net.Http.Json;
using System.Text;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

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
