namespace EventAgents.Application.Tenants.Offboarding;

/// <summary>Where a tenant's offboarding stands.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Status"><c>erasing</c> (disabled; its data is being erased in the background) or <c>erased</c>.</param>
/// <param name="OffboardedAt">When it was disabled.</param>
/// <param name="ErasedAt">When the last of its data was erased.</param>
public sealed record TenantOffboardingDto(Guid TenantId, string Status, DateTimeOffset OffboardedAt, DateTimeOffset? ErasedAt);
