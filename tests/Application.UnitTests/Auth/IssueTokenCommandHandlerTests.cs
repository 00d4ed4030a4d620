using EventAgents.Application.Auth;
using EventAgents.Application.Auth.Commands.IssueToken;
using EventAgents.Application.Clients;
using EventAgents.Domain.Clients;

namespace EventAgents.Application.UnitTests.Auth;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class IssueTokenCommandHandlerTests
{
    private readonly FakeClients _clients = new();
    private readonly FakeSecrets _secrets = new();

    [Test]
    public async Task An_unknown_client_costs_a_hash_verification_like_a_known_one()
    {
        var result = await Handle(new IssueTokenCommand("client_credentials", "nobody", "secret", null));

        Assert.That(result.Error, Is.EqualTo(OAuthErrors.InvalidClient));
        Assert.That(_secrets.Verifications, Is.EqualTo(1));
    }

    [Test]
    public async Task A_revoked_client_is_an_invalid_client_even_with_the_right_secret()
    {
        var client = _clients.Add("c1", "right", "events:read");
        client.Revoke(DateTimeOffset.UnixEpoch);

        var result = await Handle(new IssueTokenCommand("client_credentials", "c1", "right", null));

        Assert.That(result.Error, Is.EqualTo(OAuthErrors.InvalidClient));
    }

    [Test]
    public async Task A_good_request_gets_a_token_with_the_granted_scopes()
    {
        _clients.Add("c1", "right", "events:read", "events:write");

        var result = await Handle(new IssueTokenCommand("client_credentials", "c1", "right", "events:write"));

        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.Scope, Is.EqualTo("events:write"));
        Assert.That(result.AccessToken, Is.EqualTo("token-for-c1"));
    }

    [TestCase(null, OAuthErrors.InvalidRequest)]
    [TestCase("authorization_code", OAuthErrors.UnsupportedGrantType)]
    public async Task Grant_type_errors_come_first(string? grantType, string error)
    {
        var result = await Handle(new IssueTokenCommand(grantType, "c1", "right", null));

        Assert.That(result.Error, Is.EqualTo(error));
        Assert.That(_secrets.Verifications, Is.Zero);
    }

    [Test]
    public void The_secret_never_appears_in_the_command_text() =>
        Assert.That(new IssueTokenCommand("client_credentials", "c1", "s3cr3t-value", null).ToString(), Does.Not.Contain("s3cr3t-value"));

    private ValueTask<TokenResult> Handle(IssueTokenCommand command) =>
        new IssueTokenCommandHandler(_clients, _secrets, new FakeIssuer(), TimeProvider.System).Handle(command, CancellationToken.None);

    private sealed class FakeClients : IApiClientRepository
    {
        private readonly Dictionary<string, ApiClient> _byId = [];

        public ApiClient Add(string id, string secret, params string[] scopes)
        {
            var client = ApiClient.Create(id, Guid.CreateVersion7(), "svc", scopes, "hash:" + secret, DateTimeOffset.UnixEpoch);
            _byId[id] = client;
            return client;
        }

        public Task AddAsync(ApiClient client, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<ApiClient?> FindAsync(string clientId, CancellationToken cancellationToken) =>
            Task.FromResult(_byId.GetValueOrDefault(clientId));

        public Task<IReadOnlyList<ApiClient>> ListByTenantAsync(Guid tenantId, string? afterClientId, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ApiClient>>([]);

        public Task SaveChangesAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class FakeSecrets : IClientSecrets
    {
        public int Verifications { get; private set; }

        public string NewSecret() => "new";

        public string Hash(string secret) => "hash:" + secret;

        public bool Verify(string hash, string secret)
        {
            Verifications++;
            return hash == "hash:" + secret;
        }

        public void VerifyNothing(string secret) => Verifications++;
    }

    private sealed class FakeIssuer : IAccessTokenIssuer
    {
        public IssuedToken Issue(ApiClient client, IReadOnlyList<string> scopes) => new("token-for-" + client.ClientId, 900);
    }
}
