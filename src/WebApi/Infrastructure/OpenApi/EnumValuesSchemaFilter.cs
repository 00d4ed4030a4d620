using System.Text.Json.Nodes;
using EventAgents.Application.Agents;
using EventAgents.Application.Agents.Runs;
using EventAgents.Application.Webhooks;
using EventAgents.Domain.Agents;
using EventAgents.WebApi.Contracts.Agents;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>
/// String members with a closed set of values are documented as enums, so SDK generators make them enums. Clients must
/// still accept values they do not know: new ones may be added (an addition is not a breaking change).
/// </summary>
internal sealed class EnumValuesSchemaFilter : ISchemaFilter
{
    private static readonly Dictionary<(Type, string), IReadOnlyList<string>> Values = new()
    {
        [(typeof(RunDto), "status")] = RunStatus.All,
        [(typeof(RunStepDto), "status")] = ["succeeded", "failed"],
        [(typeof(StepError), "code")] = [.. ToolErrorCodes.All, RunErrorCodes.ModelUnavailable, RunErrorCodes.ModelRejected, RunErrorCodes.Internal],
        [(typeof(AgentDto), "triggerStatus")] = [AgentDto.Active, AgentDto.Disabled, AgentDto.WriterRevoked],
        [(typeof(RunError), "code")] = [
            RunErrorCodes.ModelUnavailable, RunErrorCodes.ModelRejected, RunErrorCodes.MaxStepsExceeded, RunErrorCodes.ToolFailed,
            RunErrorCodes.LeaseLost, RunErrorCodes.TimedOut, RunErrorCodes.ProviderNotConfigured, RunErrorCodes.Internal],
        [(typeof(DeliveryDto), "status")] = ["pending", "succeeded", "failed"],
        [(typeof(AgentModel), "provider")] = ModelProviders.All,
    };

    private const string ToolNameSchema = "AgentToolName";

    private static readonly IReadOnlyList<string> ToolNames = AgentTools.All.Select(t => t.Name).ToList();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || concrete.Properties is null)
        {
            return;
        }

        foreach (var (name, property) in concrete.Properties)
        {
            if (property is not OpenApiSchema target)
            {
                continue;
            }

            if (Values.TryGetValue((context.Type, name), out var values))
            {
                target.Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList();
            }
            else if (name is "tools" or "triggerTools" && (context.Type == typeof(AgentDto) || context.Type == typeof(AgentRequest)) && target.Items is not null)
            {
                context.SchemaRepository.Schemas.TryAdd(ToolNameSchema, new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = ToolNames.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
                    Description = "A tool an agent may use, by its API name.",
                });
                target.Items = new OpenApiSchemaReference(ToolNameSchema);
            }
        }
    }
}
