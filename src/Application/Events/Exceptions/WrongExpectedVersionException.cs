using EventAgents.Application.Common.Exceptions;

namespace EventAgents.Application.Events.Exceptions;

public sealed class WrongExpectedVersionException(string streamId, long expectedVersion, long currentVersion)
    : ConflictException(
        "wrong-expected-version",
        "Wrong expected version",
        currentVersion == 0
            ? $"Stream '{streamId}' does not exist, not version {expectedVersion}."
            : $"Stream '{streamId}' is at version {currentVersion}, not {expectedVersion}.")
{
    public long CurrentVersion { get; } = currentVersion;

    public override IReadOnlyDictionary<string, object?> Extensions => new Dictionary<string, object?>
    {
        ["currentVersion"] = CurrentVersion,
        ["expectedVersion"] = expectedVersion,
    };
}
