using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.Correlation;

public sealed class CorrelationIdTests : ApiTest
{
    private const string Header = "X-Correlation-ID";

    [Test]
    public async Task A_valid_correlation_id_is_echoed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add(Header, "partner-req.42_A");

        var response = await Client.SendAsync(request);

        Assert.That(response.Headers.GetValues(Header).Single(), Is.EqualTo("partner-req.42_A"));
    }

    [Test]
    public async Task Every_log_line_of_a_request_carries_its_correlation_id()
    {
        var sink = new CapturingLogSink();
        await using var factory = sink.Host("Debug");
        using var http = await new TestAuth(factory).PartnerClientAsync("events:read");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/streams/none-here/events");
        request.Headers.Add(Header, "corr-in-logs.7");

        await http.SendAsync(request);
        await sink.FirstAsync(e => e.MessageTemplate.Text.StartsWith("HTTP {RequestMethod}", StringComparison.Ordinal));

        var ofRequest = sink.Events.Where(e => e.Properties.TryGetValue("CorrelationId", out var id) && id.ToString() == "\"corr-in-logs.7\"").ToList();
        Assert.That(ofRequest.Select(e => e.MessageTemplate.Text), Has.Some.StartsWith("HTTP {RequestMethod}"), "the request line");
        Assert.That(ofRequest.Select(e => e.MessageTemplate.Text), Has.Some.Contains("{MessageName}"), "a line written inside the handler pipeline");
    }

    [Test]
    public async Task A_request_answered_by_the_exception_handler_is_logged_with_its_route()
    {
        var sink = new CapturingLogSink();
        await using var factory = sink.Host("Information");
        using var http = await new TestAuth(factory).PartnerClientAsync("documents:read");

        var missing = await http.GetAsync("/api/v1/collections/orders/documents/not-there");

        Assert.That((int)missing.StatusCode, Is.EqualTo(404));
        var line = await sink.FirstAsync(e => e.Properties.TryGetValue("RequestPath", out var path)
            && path.ToString() == "\"/api/v1/collections/orders/documents/not-there\"");

        Assert.That(line, Is.Not.Null, "the request line was written");
        Assert.That(line!.Properties["RouteTemplate"].ToString(), Is.EqualTo("\"api/v1/collections/{collection}/documents/{id}\""));
    }

    [Test]
    public async Task A_correlation_id_is_generated_when_absent()
    {
        var first = await Client.GetAsync("/health/live");
        var second = await Client.GetAsync("/health/live");

        var firstId = first.Headers.GetValues(Header).Single();
        Assert.That(firstId, Does.Match("^[A-Za-z0-9._-]{1,64}$"));
        Assert.That(second.Headers.GetValues(Header).Single(), Is.Not.EqualTo(firstId));
    }

    [TestCase("has spaces in it")]
    [TestCase("semi;colon")]
    [TestCase("ünïcode")]
    public async Task A_malformed_correlation_id_is_replaced_not_echoed(string malformed)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation(Header, malformed);

        var response = await Client.SendAsync(request);

        var returned = response.Headers.GetValues(Header).Single();
        Assert.That(returned, Is.Not.EqualTo(malformed));
        Assert.That(returned, Does.Match("^[A-Za-z0-9._-]{1,64}$"));
    }

    [Test]
    public async Task A_correlation_id_longer_than_64_characters_is_replaced()
    {
        var tooLong = new string('a', 65);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add(Header, tooLong);

        var response = await Client.SendAsync(request);

        Assert.That(response.Headers.GetValues(Header).Single(), Is.Not.EqualTo(tooLong));
    }

    [Test]
    public async Task The_correlation_id_is_in_the_problem_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/missing");
        request.Headers.Add(Header, "trace-me");

        var response = await Client.SendAsync(request);

        var problem = await response.ReadJsonAsync();
        Assert.That(problem.GetProperty("correlationId").GetString(), Is.EqualTo("trace-me"));
    }
}
