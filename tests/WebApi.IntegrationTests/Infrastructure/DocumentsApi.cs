using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

public static class DocumentsApi
{
    /// <summary>JSON without whitespace, to compare what jsonb returns (it adds spaces and orders keys).</summary>
    public static string Compact(this JsonElement element) => JsonSerializer.Serialize(element);

    public static string Url(string collection, string id) => $"/api/v1/collections/{collection}/documents/{id}";

    public static Task<HttpResponseMessage> PutAsync(this HttpClient http, string collection, string id, object data, string? ifMatch = null, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, Url(collection, id)) { Content = JsonContent.Create(new { data }) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return http.SendAsync(request);
    }

    public static async Task<JsonElement> PutOkAsync(this HttpClient http, string collection, string id, object data)
    {
        var response = await http.PutAsync(collection, id, data);
        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.Created), body.ToString());
        return body;
    }

    public static Task<HttpResponseMessage> PatchAsync(this HttpClient http, string collection, string id, string patchJson, string contentType = "application/merge-patch+json", string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, Url(collection, id)) { Content = new StringContent(patchJson, Encoding.UTF8, contentType) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return http.SendAsync(request);
    }
}
