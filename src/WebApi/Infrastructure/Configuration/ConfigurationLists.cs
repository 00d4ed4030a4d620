namespace EventAgents.WebApi.Infrastructure.Configuration;

internal static class ConfigurationLists
{
    /// <summary>A list setting given either as an array (<c>Key__0</c>, <c>Key__1</c>, …) or as one comma-separated string.</summary>
    public static string[] GetList(this IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        return (section.Value is { Length: > 0 } single ? single.Split(',') : section.Get<string[]>() ?? [])
            .Select(item => item.Trim())
            .Where(item => item.Length > 0)
            .ToArray();
    }
}
