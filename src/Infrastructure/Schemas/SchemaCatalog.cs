using System.Collections.Concurrent;
using EventAgents.Application.Common.Json;
using EventAgents.Application.Schemas;
using EventAgents.Domain.Schemas;
using EventAgents.Infrastructure.Events;
using Microsoft.Extensions.Caching.Memory;

namespace EventAgents.Infrastructure.Schemas;

/// <summary>
/// The registry as writes read it. Each tenant's enforced subjects are loaded once and kept until a change: on this instance
/// the change forgets them at once (after its commit), on the others when its notification arrives (<see cref="EventAnnouncer"/>);
/// a lost listener connection forgets everything. A load in flight when a change lands is forgotten with it, so a write never
/// sees rules older than the last change this instance knows of. Compiled versions are immutable and kept by size.
/// </summary>
internal sealed class SchemaCatalog(ISchemaRegistry registry, EventAnnouncer announcer) : ISchemaCatalog, IDisposable
{
    private static readonly IReadOnlyDictionary<SchemaSubject, SubjectRule> NoRules = new Dictionary<SchemaSubject, SubjectRule>();

    private readonly ConcurrentDictionary<Guid, Lazy<Task<IReadOnlyDictionary<SchemaSubject, SubjectRule>>>> _rules = new();

    private readonly MemoryCache _compiled = new(new MemoryCacheOptions { SizeLimit = 64L * 1024 * 1024, CompactionPercentage = 0.25 });

    public ValueTask<IReadOnlyDictionary<SchemaSubject, SubjectRule>> RulesAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var entry = _rules.GetOrAdd(tenantId, id => new Lazy<Task<IReadOnlyDictionary<SchemaSubject, SubjectRule>>>(() => LoadRulesAsync(id)));
        var task = entry.Value;
        if (task.IsCompletedSuccessfully)
        {
            return new ValueTask<IReadOnlyDictionary<SchemaSubject, SubjectRule>>(task.Result);
        }

        if (task.IsCompleted)
        {
            // A failed load (the database was away) is not kept: the next write tries again.
            _rules.TryRemove(new KeyValuePair<Guid, Lazy<Task<IReadOnlyDictionary<SchemaSubject, SubjectRule>>>>(tenantId, entry));
        }

        return new ValueTask<IReadOnlyDictionary<SchemaSubject, SubjectRule>>(task.WaitAsync(cancellationToken));
    }

    public async ValueTask<StandaloneJsonSchema?> SchemaAsync(Guid tenantId, SchemaSubject subject, int version, CancellationToken cancellationToken)
    {
        var key = (tenantId, subject, version);
        if (_compiled.TryGetValue(key, out StandaloneJsonSchema? compiled))
        {
            return compiled;
        }

        if (await registry.GetVersionAsync(tenantId, subject, version, cancellationToken) is not { } stored)
        {
            return null;
        }

        var text = stored.Schema.Json;

        compiled = StandaloneJsonSchema.Compile(text);
        _compiled.Set(key, compiled, new MemoryCacheEntryOptions { Size = text.Length * 4L + 1024, SlidingExpiration = TimeSpan.FromHours(1) });
        return compiled;
    }

    public void Changed(Guid tenantId)
    {
        Forget(tenantId);
        announcer.SchemasChanged(tenantId);
    }

    /// <summary>Another instance changed the tenant's subjects.</summary>
    public void Forget(Guid tenantId) => _rules.TryRemove(tenantId, out _);

    /// <summary>Notifications may have been missed.</summary>
    public void Clear() => _rules.Clear();

    public void Dispose() => _compiled.Dispose();

    private async Task<IReadOnlyDictionary<SchemaSubject, SubjectRule>> LoadRulesAsync(Guid tenantId)
    {
        var rules = await registry.RulesAsync(tenantId, CancellationToken.None);
        return rules.Count == 0 ? NoRules : rules;
    }
}
