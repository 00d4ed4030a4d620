using System.Net;
using EventAgents.WebApi.Infrastructure.Admission;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace EventAgents.WebApi.IntegrationTests.Admission;

/// <summary>The early gate sheds a flooding address's excess while the instance is overloaded, and nothing otherwise.</summary>
public sealed class OverloadGateTests
{
    [Test]
    public void While_overloaded_a_flooding_address_is_shed_beyond_its_share_and_a_quiet_one_is_not()
    {
        using var admission = new AdmissionController(Options.Create(new AdmissionOptions()), TimeProvider.System, NullLogger<AdmissionController>.Instance);
        var gate = new OverloadGate(admission);
        var flood = Request("203.0.113.1");
        Assert.That(Enumerable.Range(0, 1000).Count(_ => gate.ShouldShed(flood)), Is.Zero, "nothing is shed while the instance is not overloaded");

        admission.Overloaded.Extend(admission.Now + TimeSpan.FromSeconds(30));
        var shed = Enumerable.Range(0, 1000).Count(_ => gate.ShouldShed(flood));
        var quiet = Enumerable.Range(0, 5).Count(_ => gate.ShouldShed(Request("198.51.100.2")));

        Assert.That(shed, Is.GreaterThan(500), "most of a burst of 1,000 from one address is shed at once");
        Assert.That(shed, Is.LessThan(1000), "but its share gets through to admission control");
        Assert.That(quiet, Is.Zero, "another address is not held back by the flood");
    }

    private static DefaultHttpContext Request(string address)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return context;
    }
}
