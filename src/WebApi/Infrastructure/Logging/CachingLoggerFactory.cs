using System.Collections.Concurrent;

namespace EventAgents.WebApi.Infrastructure.Logging;

/// <summary>
/// One logger per category, as Microsoft's own LoggerFactory keeps them. Serilog's factory builds a new logger on every
/// CreateLogger call (a contextual Serilog logger, its enricher and an event-id cache), and ASP.NET Core asks for one on every
/// request: authentication handlers are created per request and create their logger in their constructor. That was a sixth
/// of what a request allocated (docs/performance.md).
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) =>
        _loggers.GetOrAdd(categoryName, static (name, factory) => factory.CreateLogger(name), inner);

    public void AddProvider(ILoggerProvider provider)
    {
        inner.AddProvider(provider);
        _loggers.Clear();
    }

    public void Dispose() => inner.Dispose();

    /// <summary>Wraps the registered <see cref="ILoggerFactory"/> (Serilog's, from AddSerilog) in a cache.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(descriptor => descriptor.ServiceType == typeof(ILoggerFactory));
        services.Remove(registered);
        services.AddSingleton<ILoggerFactory>(provider => new CachingLoggerFactory(registered switch
        {
            { ImplementationInstance: ILoggerFactory instance } => instance,
            { ImplementationFactory: { } factory } => (ILoggerFactory)factory(provider),
            _ => (ILoggerFactory)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!),
        }));
    }
}
