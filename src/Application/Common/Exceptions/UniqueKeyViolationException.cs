namespace EventAgents.Application.Common.Exceptions;

/// <summary>Thrown by Infrastructure when the database refuses a row because a unique key is taken.</summary>
public sealed class UniqueKeyViolationException(string constraintName, Exception inner)
    : Exception($"Unique key '{constraintName}' violated.", inner)
{
    public string ConstraintName { get; } = constraintName;
}
