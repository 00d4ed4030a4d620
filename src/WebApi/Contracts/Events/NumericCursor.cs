using System.Globalization;
using EventAgents.Application.Common.Exceptions;

namespace EventAgents.WebApi.Contracts.Events;

/// <summary>The cursors of the global log and of stream reads: a position or a version, written as a decimal string.</summary>
public static class NumericCursor
{
    public static long Parse(string cursor) =>
        long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BadRequestException("cursor", "Not a cursor of this operation: send the nextCursor of its previous page.");

    public static string? Format(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
