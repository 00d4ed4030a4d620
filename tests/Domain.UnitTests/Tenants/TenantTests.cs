using EventAgents.Domain.Tenants;

namespace EventAgents.Domain.UnitTests.Tenants;

public sealed class TenantTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void Create_trims_the_name_and_stamps_id_and_time()
    {
        var tenant = Tenant.Create("  Acme  ", Now);

        Assert.Multiple(() =>
        {
            Assert.That(tenant.Name, Is.EqualTo("Acme"));
            Assert.That(tenant.CreatedAt, Is.EqualTo(Now));
            Assert.That(tenant.Id.Version, Is.EqualTo(7));
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Create_refuses_a_blank_name(string name) =>
        Assert.Throws<ArgumentException>(() => Tenant.Create(name, Now));

    [Test]
    public void Create_refuses_a_name_longer_than_the_limit() =>
        Assert.Throws<ArgumentException>(() => Tenant.Create(new string('x', Tenant.MaxNameLength + 1), Now));
}
