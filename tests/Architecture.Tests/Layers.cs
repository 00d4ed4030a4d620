using System.Reflection;

namespace EventAgents.Architecture.Tests;

internal static class Layers
{
    public static readonly Assembly Domain = typeof(Domain.Tenants.Tenant).Assembly;
    public static readonly Assembly Application = typeof(Application.DependencyInjection).Assembly;
    public static readonly Assembly Infrastructure = typeof(Infrastructure.DependencyInjection).Assembly;
    public static readonly Assembly WebApi = typeof(WebApi.DependencyInjection).Assembly;
}
