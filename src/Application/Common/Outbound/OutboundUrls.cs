namespace EventAgents.Application.Common.Outbound;

/// <summary>What a URL a partner gives the service to call must look like (webhook targets, http tools).</summary>
public static class OutboundUrls
{
    /// <summary>An absolute http or https URL of at most <paramref name="maxLength"/> characters, without user info.</summary>
    public static bool IsHttpUrl(string? url, int maxLength) =>
        url is { Length: > 0 } && url.Length <= maxLength
        && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.UserInfo);
}
