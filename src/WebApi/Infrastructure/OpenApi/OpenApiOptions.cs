namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>Configuration section <c>OpenApi</c>.</summary>
public sealed class OpenApiOptions
{
    public const string SectionName = "OpenApi";

    /// <summary>Serve /swagger/v1/swagger.json and Swagger UI at /swagger.</summary>
    public bool Enabled { get; set; } = true;
}
