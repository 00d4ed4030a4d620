namespace EventAgents.Application.Clients;

public static class ClientIds
{
    /// <summary>A new client id: "c" and a UUIDv7 in hex, so ids sort by creation time.</summary>
    public static string New(TimeProvider clock) => "c" + Guid.CreateVersion7(clock.GetUtcNow()).ToString("N");
}
