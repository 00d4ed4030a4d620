using EventAgents.Application.Tenants.Commands.CreateTenant;

namespace EventAgents.Application.UnitTests.Tenants;

public sealed class CreateTenantCommandValidatorTests
{
    private readonly CreateTenantCommandValidator _validator = new();

    [TestCase("Acme", true)]
    [TestCase("", false)]
    [TestCase("   ", false)]
    [TestCase(null, false)]
    public void Name_must_be_present(string? name, bool valid) =>
        Assert.That(_validator.Validate(new CreateTenantCommand(name!)).IsValid, Is.EqualTo(valid));

    [Test]
    public void Name_is_at_most_200_characters()
    {
        Assert.That(_validator.Validate(new CreateTenantCommand(new string('x', 200))).IsValid, Is.True);
        Assert.That(_validator.Validate(new CreateTenantCommand(new string('x', 201))).IsValid, Is.False);
    }
}
