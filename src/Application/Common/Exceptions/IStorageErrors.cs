namespace EventAgents.Application.Common.Exceptions;

/// <summary>
/// What a failure of the storage means to a caller, decided where the storage is known (Infrastructure): an application
/// exception (bad input the database refused, a duplicate key, the database unavailable), or null for a fault.
/// </summary>
public interface IStorageErrors
{
    Exception? Translate(Exception exception);
}
