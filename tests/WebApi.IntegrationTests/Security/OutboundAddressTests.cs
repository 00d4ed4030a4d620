using System.Net;
using System.Net.Http.Json;
using EventAgents.Infrastructure.Outbound;
using EventAgents.WebApi.IntegrationTests.Infrastructure;

namespace EventAgents.WebApi.IntegrationTests.Security;

/// <summary>Issue #15, item 6: IPv4 addresses smuggled inside IPv6 translation prefixes do not get past the SSRF guard.</summary>
public sealed class OutboundAddressTests : ApiTest
{
    [TestCase("http://[64:ff9b::7f00:1]/hook", TestName = "NAT64 of 127.0.0.1")]
    [TestCase("http://[64:ff9b::a9fe:a9fe]/latest/meta-data/", TestName = "NAT64 of the metadata endpoint")]
    [TestCase("http://[64:ff9b:1::808:808]/hook", TestName = "local-use NAT64")]
    [TestCase("http://[2002:7f00:1::]/hook", TestName = "6to4 of 127.0.0.1")]
    [TestCase("http://[2002:c0a8:114::1]/hook", TestName = "6to4 of 192.168.1.20")]
    [TestCase("http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/hook", TestName = "Teredo with client 10.0.0.1")]
    [TestCase("http://[2001:0:7f00:1::1]/hook", TestName = "Teredo with server 127.0.0.1")]
    [TestCase("http://[::ffff:7f00:1]/hook", TestName = "IPv4-mapped 127.0.0.1")]
    [TestCase("http://[2001:db8::1]/hook", TestName = "IPv6 documentation")]
    [TestCase("http://[100::1]/hook", TestName = "IPv6 discard-only, outside global unicast")]
    public async Task Embedded_internal_ipv4_and_non_global_ipv6_targets_are_refused(string url)
    {
        await using var factory = new ApiFactory(settings: new Dictionary<string, string?> { ["Webhooks:AllowPrivateNetworks"] = "false" });
        using var http = await new TestAuth(factory).PartnerClientAsync("webhooks:manage");

        var response = await http.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "x" } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("refused"));
    }

    [TestCase("8.8.8.8")]
    [TestCase("64:ff9b::808:808")]
    [TestCase("2002:808:808::1")]
    [TestCase("2001:0:4136:e378:8000:63bf:f7f7:f7f7")]
    [TestCase("2606:4700:4700::1111")]
    public void Public_destinations_stay_allowed_in_their_translated_forms(string address) =>
        Assert.That(InternalAddresses.IsInternal(IPAddress.Parse(address)), Is.False);
}
