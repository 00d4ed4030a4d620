using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>Small helpers for the event-store endpoints.</summary>
public static class EventsApi
{
    public static Task<HttpResponseMessage> AppendAsync(this HttpClient http, string streamId, object body) =>
        http.PostAsJsonAsync($"/api/v1/streams/{Uri.EscapeDataString(streamId)}/events", body);

    public static async Task<JsonElement> AppendOkAsync(this HttpClient http, string streamId, params object[] events)
    {
        var response = await http.AppendAsync(streamId, new { events });
        var body = await response.ReadJsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        return body;
    }

    public static object Event(string type = "thing.happened", object? data = null, Guid? eventId = null, object? metadata = null) =>
        eventId is null
            ? new { type, data = data ?? new { n = 1 }, metadata }
            : new { eventId, type, data = data ?? new { n = 1 }, metadata };

    public static async Task<List<JsonElement>> ReadAllAsync(this HttpClient http, string query = "")
    {
        var events = new List<JsonElement>();
        long after = 0;
        while (true)
        {
            var page = await (await http.GetAsync($"/api/v1/events?after={after}&limit=1000{query}")).ReadJsonAsync();
            events.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("lastPosition").GetInt64();
            if (!(page.GetProperty("nextCursor").ValueKind == System.Text.Json.JsonValueKind.String))
            {
                return events;
            }
        }
    }
}
