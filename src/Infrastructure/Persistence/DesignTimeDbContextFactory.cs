using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace EventAgents.Infrastructure.Persistence;

/// <summary>
/// Lets `dotnet ef` build the model without starting the API. Creating a migration never connects;
/// `dotnet ef database update` uses ConnectionStrings__Postgres from the environment.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EventAgentsDbContext>
{
    public EventAgentsDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Database=eventagents";
        var options = new DbContextOptionsBuilder<EventAgentsDbContext>()
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .Options;
        return new EventAgentsDbContext(options, new NoPrincipal());
    }

    private sealed class NoPrincipal : Application.Common.Security.ICurrentPrincipal
    {
        public bool IsAuthenticated => false;

        public Guid TenantId => Guid.Empty;

        public string ClientId => string.Empty;

        public IReadOnlyCollection<string> Scopes => [];
    }
}
