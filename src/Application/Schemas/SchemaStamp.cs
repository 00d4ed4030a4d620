namespace EventAgents.Application.Schemas;

/// <summary>The schema a write was checked against, recorded in its event's metadata (<c>schema</c>) and on the document.</summary>
/// <param name="Valid">False when a warn-mode subject let a failing write through.</param>
public sealed record SchemaStamp(string Subject, int Version, bool Valid);
