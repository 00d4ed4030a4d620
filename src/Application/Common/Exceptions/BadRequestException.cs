namespace EventAgents.Application.Common.Exceptions;

/// <summary>Input that passed the shape checks but cannot be used (for example a cursor of another tenant).</summary>
public sealed class BadRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
