using EventAgents.Domain.Clients;

namespace EventAgents.Application.Auth;

public interface IAccessTokenIssuer
{
    IssuedToken Issue(ApiClient client, IReadOnlyList<string> scopes);
}
