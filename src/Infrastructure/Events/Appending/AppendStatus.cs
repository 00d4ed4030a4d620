namespace EventAgents.Infrastructure.Events.Appending;

/// <summary>What es_append_group decided for one append.</summary>
internal enum AppendStatus
{
    Appended,
    Replayed,
    WrongExpectedVersion,
    EventIdConflict,
    StreamErased,
    StorageQuota,
    RunsPerAppend,
    RunsPerMinute,
}
