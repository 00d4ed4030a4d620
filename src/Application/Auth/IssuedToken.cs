namespace EventAgents.Application.Auth;

public sealed record IssuedToken(string AccessToken, int ExpiresInSeconds);
