namespace EventAgents.Domain.Schemas;

/// <summary>
/// One reason a candidate schema is not compatible with an earlier version.
/// </summary>
/// <param name="Version">The earlier version it was compared with.</param>
/// <param name="Direction"><c>backward</c> (new readers, old data) or <c>forward</c> (old readers, new data).</param>
/// <param name="Kind">What changed, e.g. <c>required-property-added</c>, <c>type-narrowed</c>, <c>enum-value-removed</c>.</param>
/// <param name="Path">A JSON pointer into the schemas to where it changed, e.g. <c>/properties/amount</c>.</param>
/// <param name="Message">The change in words.</param>
public sealed record SchemaIncompatibility(int Version, string Direction, string Kind, string Path, string Message);
