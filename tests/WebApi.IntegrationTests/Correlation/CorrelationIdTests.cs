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
