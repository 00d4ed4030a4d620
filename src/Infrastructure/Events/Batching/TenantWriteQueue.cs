using System.Collections.Concurrent;

namespace EventAgents.Infrastructure.Events.Batching;

/// <summary>
/// Group commit for one kind of write, per tenant: a tenant's writes are serialised by its es_tenant_logs row lock, so
/// writes that arrive while another group of the tenant is in flight queue up, and one caller (the leader) writes the
/// queued ones as one group with one commit. One group in flight per tenant and queue also means the waiters for the lock
/// are few (a crowd of waiters is woken at every commit, and each then queues again).
/// </summary>
/// <typeparam name="TItem">One write.</typeparam>
/// <typeparam name="TResult">Its outcome.</typeparam>
/// <param name="maxItems">Writes per group.</param>
/// <param name="maxWeight">The bound on a group's summed weight beyond its first write.</param>
/// <param name="weight">What a write weighs (e.g. its events).</param>
/// <param name="write">Writes a group; returns one outcome per write, in order.</param>
internal sealed class TenantWriteQueue<TItem, TResult>(
    int maxItems, int maxWeight, Func<TItem, int> weight, Func<Guid, List<TItem>, Task<TResult[]>> write)
{
    private readonly ConcurrentDictionary<Guid, TenantQueue> _queues = new();

    /// <summary>Writes one item, alone or in a group; a failed group fails each of its writes with its exception.</summary>
    public async Task<TResult> WriteAsync(Guid tenantId, TItem item)
    {
        var queue = _queues.GetOrAdd(tenantId, static id => new TenantQueue(id));
        var pending = new Pending(item);
        queue.Items.Enqueue(pending);
        await DrainAsync(queue, pending);
        return await pending.Completion.Task;
    }

    /// <summary>
    /// Whoever finds items and no leader becomes the leader and writes groups until its own item is done; then it steps
    /// down and, if more are queued, hands the queue to a thread-pool leader, so no caller waits on other callers' groups
    /// for longer than one group, and no item is ever stranded.
    /// </summary>
    private async Task DrainAsync(TenantQueue queue, Pending? own)
    {
        while (!queue.Items.IsEmpty && Interlocked.CompareExchange(ref queue.Leader, 1, 0) == 0)
        {
            try
            {
                while (TakeGroup(queue) is { Count: > 0 } group)
                {
                    await WriteGroupAsync(queue.TenantId, group);
                    if (own is not null && own.Completion.Task.IsCompleted)
                    {
                        break;
                    }
                }
            }
            finally
            {
                Volatile.Write(ref queue.Leader, 0);
            }

            if (own is not null && own.Completion.Task.IsCompleted)
            {
                if (!queue.Items.IsEmpty)
                {
                    _ = Task.Run(() => DrainAsync(queue, null));
                }

                return;
            }
        }
    }

    private List<Pending> TakeGroup(TenantQueue queue)
    {
        var group = new List<Pending>(Math.Min(maxItems, queue.Items.Count));
        var total = 0;
        while (group.Count < maxItems && queue.Items.TryPeek(out var next)
               && (group.Count == 0 || total + weight(next.Item) <= maxWeight)
               && queue.Items.TryDequeue(out var item))
        {
            group.Add(item);
            total += weight(item.Item);
        }

        return group;
    }

    private async Task WriteGroupAsync(Guid tenantId, List<Pending> group)
    {
        TResult[] results;
        try
        {
            results = await write(tenantId, group.ConvertAll(static pending => pending.Item));
        }
        catch (Exception ex)
        {
            foreach (var pending in group)
            {
                pending.Completion.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < group.Count; i++)
        {
            group[i].Completion.TrySetResult(results[i]);
        }
    }

    private sealed class TenantQueue(Guid tenantId)
    {
        public readonly ConcurrentQueue<Pending> Items = new();
        public readonly Guid TenantId = tenantId;
        public int Leader;
    }

    private sealed class Pending(TItem item)
    {
        public TItem Item { get; } = item;

        public TaskCompletionSource<TResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
