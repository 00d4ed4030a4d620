using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

public static class SchemasApi
{
    public const string OrderPlacedV1 =
        """{ "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "number", "minimum": 0 } }, "required": ["orderId", "total"] }""";

    public static string Url(string subject) => "/api/v1/schemas/" + subject;

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient http, string subject, string schemaJson) =>
        http.PostAsync(Url(subject) + "/versions", JsonBody($$"""{ "schema": {{schemaJson}} }"""));

    public static async Task<int> RegisterOkAsync(this HttpClient http, string subject, string schemaJson)
    {
        var response = await http.RegisterAsync(subject, schemaJson);
        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        return body.GetProperty("version").GetInt32();
    }

    public static Task<HttpResponseMessage> ConfigureAsync(this HttpClient http, string subject, string? compatibility = null, string? enforcement = null) =>
        http.PutAsJsonAsync(Url(subject), new { compatibility, enforcement });

    public static async Task ConfigureOkAsync(this HttpClient http, string subject, string? compatibility = null, string? enforcement = null)
    {
        var response = await http.ConfigureAsync(subject, compatibility, enforcement);
        Assert.That((int)response.StatusCode, Is.AnyOf(200, 201), await response.Content.ReadAsStringAsync());
    }

    public static StringContent JsonBody(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>The violations of a 422 schema problem as (path, subject, version).</summary>
    public static async Task<List<(string Path, string Subject, int Version)>> AssertSchemaViolationAsync(this HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo("https://eventagents.dev/problems/schema-violation"));
        var violations = problem.GetProperty("violations").EnumerateArray().ToList();
        Assert.That(violations, Has.All.Matches<JsonElement>(v => v.GetProperty("message").GetString()!.Length > 0));
        return violations.Select(v => (v.GetProperty("path").GetString()!, v.GetProperty("subject").GetString()!, v.GetProperty("version").GetInt32())).ToList();
    }
}
