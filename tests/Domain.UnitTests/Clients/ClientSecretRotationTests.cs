using EventAgents.Domain.Clients;
using EventAgents.Domain.Common;

namespace EventAgents.Domain.UnitTests.Clients;

/// <summary>The rotation rules of a client's secrets, on a fake "hash" (the secret itself) and a fixed clock.</summary>
public sealed class ClientSecretRotationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_new_secret_keeps_the_current_ones_valid_until_the_chosen_expiry()
    {
        var client = NewClient("s1");
        client.AddSecret("s2", Now, Now.AddHours(2));

        Assert.That(Authenticates(client, "s1", Now.AddHours(1)), Is.True);
        Assert.That(Authenticates(client, "s2", Now.AddHours(1)), Is.True);
        Assert.That(Authenticates(client, "s1", Now.AddHours(2)), Is.False, "expired at the chosen time");
        Assert.That(Authenticates(client, "s2", Now.AddDays(300)), Is.True, "the newest never expires by itself");
    }

    [Test]
    public void The_default_overlap_is_a_day_and_a_later_rotation_never_extends_an_earlier_expiry()
    {
        var client = NewClient("s1");
        client.AddSecret("s2", Now);
        client.AddSecret("s3", Now.AddHours(1), Now.AddDays(10));

        Assert.That(client.Secrets[0].ExpiresAt, Is.EqualTo(Now.AddHours(24)));
        Assert.That(client.Secrets[1].ExpiresAt, Is.EqualTo(Now.AddDays(10)));
        Assert.That(client.Secrets[2].ExpiresAt, Is.Null);
    }

    [TestCase(-1)]
    [TestCase(24 * 31)]
    public void An_expiry_in_the_past_or_beyond_30_days_is_refused(int hours) =>
        Assert.Throws<DomainRuleException>(() => NewClient("s1").AddSecret("s2", Now, Now.AddHours(hours)));

    [Test]
    public void At_most_three_secrets_are_valid_and_the_last_valid_one_cannot_be_revoked()
    {
        var client = NewClient("s1");
        client.AddSecret("s2", Now);
        var third = client.AddSecret("s3", Now);

        Assert.Throws<DomainRuleException>(() => client.AddSecret("s4", Now));
        Assert.That(client.RevokeSecret(client.Secrets[0].Id, Now), Is.EqualTo(SecretRevocation.Revoked));
        Assert.That(client.RevokeSecret(client.Secrets[1].Id, Now), Is.EqualTo(SecretRevocation.Revoked));
        Assert.That(client.RevokeSecret(third.Id, Now), Is.EqualTo(SecretRevocation.LastValidSecret));
        Assert.That(client.RevokeSecret(Guid.NewGuid(), Now), Is.EqualTo(SecretRevocation.Unknown));
        Assert.That(Authenticates(client, "s1", Now), Is.False);
        Assert.That(Authenticates(client, "s3", Now), Is.True);
    }

    [Test]
    public void A_use_is_recorded_at_most_once_a_minute_and_a_revoked_client_authenticates_nothing()
    {
        var client = NewClient("s1");

        client.Authenticate("s1", (hash, presented) => hash == presented, Now, out var first);
        client.Authenticate("s1", (hash, presented) => hash == presented, Now.AddSeconds(30), out var second);
        client.Authenticate("s1", (hash, presented) => hash == presented, Now.AddSeconds(61), out var third);
        client.Revoke(Now.AddMinutes(2));

        Assert.That((first, second, third), Is.EqualTo((true, false, true)));
        Assert.That(client.Secrets[0].LastUsedAt, Is.EqualTo(Now.AddSeconds(61)));
        Assert.That(Authenticates(client, "s1", Now.AddMinutes(3)), Is.False);
    }

    private static ApiClient NewClient(string secret) => ApiClient.Create("c-1", Guid.NewGuid(), "orders", ["events:read"], secret, Now);

    private static bool Authenticates(ApiClient client, string secret, DateTimeOffset at) =>
        client.Authenticate(secret, (hash, presented) => hash == presented, at, out _) is not null;
}
