namespace EventAgents.Domain.Common;

/// <summary>
/// A row that belongs to one tenant. Infrastructure filters every query on it by the caller's tenant and refuses
/// to save one of another tenant; tests/Architecture.Tests checks that every such entity is covered.
/// </summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
