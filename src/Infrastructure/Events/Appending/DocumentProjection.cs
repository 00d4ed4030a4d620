namespace EventAgents.Infrastructure.Events.Appending;

/// <summary>
/// The document row a document write leaves behind: its new data, or null when the write deletes it, and the version of the
/// collection's schema the data was checked against.
/// </summary>
internal sealed record DocumentProjection(string Collection, string Id, string? DataJson, int? SchemaVersion = null)
{
    /// <summary>
    /// The read-cache scope of every query of <paramref name="collection"/>: what a document write changes besides its own stream.
    /// (<c>doc:{collection}</c> is never a stream: document streams are <c>doc:{collection}:{id}</c>, and no one else may use doc:.)
    /// </summary>
    public static string QueryScopeOf(string collection) => "doc:" + collection;
}
