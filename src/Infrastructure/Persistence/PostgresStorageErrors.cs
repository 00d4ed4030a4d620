using EventAgents.Application.Common.Exceptions;

namespace EventAgents.Infrastructure.Persistence;

/// <summary>The API's view of PostgreSQL's errors (<see cref="PostgresErrors"/>).</summary>
internal sealed class PostgresStorageErrors : IStorageErrors
{
    public Exception? Translate(Exception exception) => PostgresErrors.Translate(exception);
}
