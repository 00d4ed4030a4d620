using EventAgents.Application.Auth;
using EventAgents.Application.Auth.Commands.EnsureBootstrapClient;
using EventAgents.Infrastructure.Identity;
using Mediator;
using Microsoft.Extensions.Options;

namespace EventAgents.WebApi.Infrastructure.Security;

public static partial class BootstrapClientSetup
{
    /// <summary>Builds the signing key now, so the API refuses to start without a valid one (outside Development).</summary>
    public static void ValidateSecurityConfiguration(this IServiceProvider services) =>
        _ = services.GetRequiredService<SigningKeyProvider>();

    /// <summary>Creates the platform tenant and admin client from Auth:BootstrapClientId/Secret when they are set and missing.</summary>
    public static async Task EnsureBootstrapClientAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (string.IsNullOrWhiteSpace(auth.BootstrapClientId) || string.IsNullOrEmpty(auth.BootstrapClientSecret))
        {
            return;
        }

        if (auth.BootstrapClientSecret.Length < 32)
        {
            throw new InvalidOperationException("Auth__BootstrapClientSecret must be at least 32 characters.");
        }

        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ISender>()
            .Send(new EnsureBootstrapClientCommand(auth.BootstrapClientId, auth.BootstrapClientSecret), cancellationToken);
        if (created)
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BootstrapClientSetup));
            LogCreated(logger, auth.BootstrapClientId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the platform tenant's bootstrap admin client {ClientId}")]
    private static partial void LogCreated(ILogger logger, string clientId);
}
