namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>
/// Bounds the request-body bytes held in memory by requests that were buffered before admission, so that many large bodies
/// waiting for slots cannot exhaust memory; beyond the budget a request is shed instead of buffered.
/// </summary>
internal sealed class BodyBufferBudget(long maxBytes)
{
    private long _reserved;

    public long Reserved => Interlocked.Read(ref _reserved);

    public bool TryReserve(long bytes)
    {
        var total = Interlocked.Add(ref _reserved, bytes);
        // A body alone is always let through, however large: the request body limit bounds it.
        if (total <= maxBytes || total == bytes)
        {
            return true;
        }

        Interlocked.Add(ref _reserved, -bytes);
        return false;
    }

    public void Release(long bytes) => Interlocked.Add(ref _reserved, -bytes);
}
