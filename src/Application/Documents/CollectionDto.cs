namespace EventAgents.Application.Documents;

/// <summary>A collection of the tenant and how many (not deleted) documents it holds.</summary>
public sealed record CollectionDto(string Collection, long Count);
