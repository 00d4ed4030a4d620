using EventAgents.Application.Common.Exceptions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EventAgents.Infrastructure.Persistence;

/// <summary>The one place where PostgreSQL error codes become application exceptions.</summary>
internal static class PostgresErrors
{
    public static Exception? Translate(Exception exception)
    {
        var postgres = exception as PostgresException ?? (exception as DbUpdateException)?.InnerException as PostgresException;
        return postgres?.SqlState switch
        {
            PostgresErrorCodes.UniqueViolation => new UniqueKeyViolationException(postgres.ConstraintName ?? "unknown", exception),
            _ => null,
        };
    }

    /// <summary>Saves and rethrows unique-key violations as <see cref="UniqueKeyViolationException"/>.</summary>
    public static async Task SaveChangesTranslatedAsync(this DbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }
    }
}
