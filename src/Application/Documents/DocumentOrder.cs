namespace EventAgents.Application.Documents;

public enum DocumentOrder
{
    CreatedAt,
    UpdatedAt,
    Id,
}
