using EventAgents.Infrastructure.Agents.Execution;

namespace EventAgents.WebApi.IntegrationTests.Agents;

public sealed class RunFailuresTests
{
    [Test]
    public void A_model_call_that_failed_on_every_retry_is_classified_by_its_last_failure()
    {
        var unreachable = new HttpRequestException(HttpRequestError.ConnectionError, "refused", null, null);
        var retried = new AggregateException(new HttpRequestException("first"), unreachable);

        var error = RunFailures.Classify(retried);

        Assert.That((error.Code, error.Retryable), Is.EqualTo(("model-unavailable", true)));
        Assert.That(error.Message, Does.Contain("ConnectionError"));
    }

    [Test]
    public void An_aggregate_of_something_unexpected_is_still_an_internal_error()
    {
        var error = RunFailures.Classify(new AggregateException(new InvalidOperationException("bug")));

        Assert.That((error.Code, error.Retryable), Is.EqualTo(("internal-error", false)));
        Assert.That(error.Message, Does.Contain(nameof(InvalidOperationException)));
    }
}
