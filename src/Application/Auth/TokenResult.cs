namespace EventAgents.Application.Auth;

/// <summary>The outcome of a token request, in the terms of RFC 6749 (section 5.1 success, section 5.2 error).</summary>
public sealed record TokenResult
{
    public string? AccessToken { get; private init; }

    public int ExpiresIn { get; private init; }

    public string? Scope { get; private init; }

    public string? Error { get; private init; }

    public string? ErrorDescription { get; private init; }

    public bool Succeeded => Error is null;

    public static TokenResult Success(IssuedToken token, IEnumerable<string> scopes) =>
        new() { AccessToken = token.AccessToken, ExpiresIn = token.ExpiresInSeconds, Scope = string.Join(' ', scopes) };

    public static TokenResult Failure(string error, string description) => new() { Error = error, ErrorDescription = description };
}
