namespace EventAgents.Application.Common.Paging;

/// <summary>
/// Configuration section <c>Paging</c>. A page ends at its count limit or once its payloads reach <see cref="MaxPageBytes"/>,
/// whichever comes first (always at least one item), and then carries its continuation as usual — so no request makes the
/// service hold more than about this much of the tenant's data, however large its documents or events.
/// </summary>
public sealed class PageOptions
{
    public const string SectionName = "Paging";

    /// <summary>Payload bytes (data and metadata JSON) after which a page of events or documents ends early.</summary>
    public int MaxPageBytes { get; set; } = 4 * 1024 * 1024;
}
