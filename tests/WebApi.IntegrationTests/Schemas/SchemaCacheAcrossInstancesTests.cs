using System.Diagnostics;
using System.Net;
using EventAgents.WebApi.IntegrationTests.Infrastructure;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.EventsApi;
using static EventAgents.WebApi.IntegrationTests.Infrastructure.SchemasApi;

namespace EventAgents.WebApi.IntegrationTests.Schemas;

/// <summary>
/// Each instance caches a tenant's enforced subjects until a change: a change made on another instance reaches it with that
/// instance's post-commit notification (well within the bound polled here), never by waiting for an expiry (there is none).
/// </summary>
public sealed class SchemaCacheAcrossInstancesTests : ApiTest
{
    private static readonly TimeSpan NotificationRound = TimeSpan.FromSeconds(5);

    [Test]
    public async Task A_schema_registered_or_relaxed_on_one_instance_governs_writes_on_another_after_one_notification_round()
    {
        await using var adminHost = new ApiFactory();
        await using var writerHost = new ApiFactory();
        using var admin = await new TestAuth(adminHost).PartnerClientAsync("schemas:read", "schemas:write", "events:write");
        using var writer = writerHost.CreateClient();
        writer.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var bad = new { events = new[] { Event("order.placed", new { orderId = 1 }) } };

        Assert.That((await writer.AppendAsync("o-1", bad)).StatusCode, Is.EqualTo(HttpStatusCode.Created), "no schema yet: the writer caches no rules");
        await admin.RegisterOkAsync("events/order.placed", OrderPlacedV1);
        Assert.That(await StatusWithinAsync(writer, bad, HttpStatusCode.UnprocessableEntity), Is.True, "the registration reached the other instance");

        await admin.ConfigureOkAsync("events/order.placed", enforcement: "off");
        Assert.That(await StatusWithinAsync(writer, bad, HttpStatusCode.Created), Is.True, "so did relaxing it");
    }

    private static async Task<bool> StatusWithinAsync(HttpClient writer, object body, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < NotificationRound)
        {
            if ((await writer.AppendAsync("o-1", body)).StatusCode == expected)
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
