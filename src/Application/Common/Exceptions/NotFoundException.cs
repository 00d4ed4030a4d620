namespace EventAgents.Application.Common.Exceptions;

/// <summary>The resource does not exist for the caller (missing, or another tenant's: the two look the same).</summary>
public sealed class NotFoundException(string resource, string id)
    : Exception($"{resource} '{id}' was not found.")
{
    public string Resource { get; } = resource;
}
