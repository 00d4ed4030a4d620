using System.Net;
using System.Text.Json;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

public static class HttpAssertions
{
    /// <summary>Asserts a problem+json response with the given status and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        });
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
            Assert.That(problem.GetProperty("type").GetString(), Does.StartWith("https://eventagents.dev/problems/"));
            Assert.That(problem.GetProperty("title").GetString(), Is.Not.Empty);
            Assert.That(problem.GetProperty("instance").GetString(), Does.StartWith("/"));
            Assert.That(problem.GetProperty("correlationId").GetString(),
                Is.EqualTo(response.Headers.GetValues("X-Correlation-ID").Single()));
        });
        return problem;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(body).RootElement;
    }
}
