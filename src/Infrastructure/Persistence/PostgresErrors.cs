using EventAgents.Application.Common.Exceptions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace EventAgents.Infrastructure.Persistence;

/// <summary>The one place where PostgreSQL's errors become application exceptions (the API's problems are made from those).</summary>
internal static class PostgresErrors
{
    public static Exception? Translate(Exception exception)
    {
        var chain = Chain(exception).ToList();
        if (chain.Any(e => e is NpgsqlException { IsTransient: true } or TimeoutException))
        {
            return new StorageUnavailableException(exception);
        }

        var postgres = chain.OfType<PostgresException>().FirstOrDefault();
        return postgres switch
        {
            { SqlState: PostgresErrorCodes.UniqueViolation } => new UniqueKeyViolationException(postgres.ConstraintName ?? "unknown", exception),
            // text and jsonb cannot hold U+0000; the statement failed before anything was stored.
            { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter } =>
                new BadRequestException("body", "Text may not contain the NUL character (\\u0000)."),
            // jsonb refuses what System.Text.Json let through (an unpaired surrogate written by a model's tool call, say).
            { SqlState: PostgresErrorCodes.InvalidTextRepresentation, MessageText: var text } when text.Contains("json", StringComparison.Ordinal) =>
                new BadRequestException("body", "The JSON cannot be stored: " + Application.Common.Json.JsonUnicode.Message),
            _ => null,
        };
    }

    /// <summary>The exception and its inner exceptions, outermost first.</summary>
    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
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
