using System.Text.Json;
using System.Text.Json.Nodes;
using EventAgents.Application.Agents.Runs;
using EventAgents.Application.Common.Json;

namespace EventAgents.Infrastructure.Agents.Runs;

/// <summary>What a model-call step stores in <c>agent_run_steps.detail</c>: the kind-specific members of its DTO.</summary>
internal sealed record ModelCallDetail(
    int MessagesSent, string? ResponseText, bool Truncated, string? FinishReason, IReadOnlyList<StepToolCall> ToolCalls, string? Model,
    RunUsage? Usage, StepError? Error);

/// <summary>What a tool-call step stores in <c>agent_run_steps.detail</c>.</summary>
internal sealed record ToolCallDetail(
    string Tool, string? ToolCallId, RawJson Arguments, RawJson? Result, StepError? Error, string? ToolKind = null,
    StepApproval? Approval = null, string? AnsweredBy = null);

/// <summary>Writes step details and reads them back as typed steps, including rows written before the details were typed.</summary>
internal static class StepDetails
{
    public static string ToJson(ModelCallDetail detail) => JsonSerializer.Serialize(detail, JsonDefaults.Web);

    public static string ToJson(ToolCallDetail detail) => JsonSerializer.Serialize(detail, JsonDefaults.Web);

    public static RunStepDto ToDto(
        int seq, int attempt, string kind, string status, string detailJson, DateTimeOffset startedAt, DateTimeOffset finishedAt, int durationMs)
    {
        var node = JsonNode.Parse(detailJson, documentOptions: JsonDefaults.Stored)?.AsObject() ?? [];
        if (kind == RunStepKinds.ToolCall)
        {
            UpgradeToolCall(node, status);
            var tool = node.Deserialize<ToolCallDetail>(JsonDefaults.Web)!;
            return new ToolCallStepDto(seq, attempt, status, startedAt, finishedAt, durationMs,
                tool.Tool, tool.ToolKind ?? Domain.Agents.AgentTools.BuiltInKind, tool.ToolCallId, tool.Arguments.IsEmpty ? RawJson.EmptyObject : tool.Arguments, tool.Result, tool.Error,
                tool.Approval, tool.AnsweredBy);
        }

        UpgradeModelCall(node);
        var model = node.Deserialize<ModelCallDetail>(JsonDefaults.Web)!;
        return new ModelCallStepDto(seq, attempt, status, startedAt, finishedAt, durationMs,
            model.Model, model.Usage ?? new RunUsage(0, 0), model.ToolCalls ?? [], model.FinishReason, model.ResponseText, model.Truncated,
            model.MessagesSent, model.Error);
    }

    /// <summary>Before typed steps, tool calls were a list of wire names and a failure a bare string.</summary>
    private static void UpgradeModelCall(JsonObject node)
    {
        if (node["toolCalls"] is JsonArray calls)
        {
            node["toolCalls"] = new JsonArray(calls.Select(call => call is JsonValue name
                ? new JsonObject { ["id"] = null, ["name"] = ApiName(name.GetValue<string>()) }
                : call?.DeepClone()).ToArray());
        }

        if (node["error"] is JsonValue message)
        {
            node["error"] = new JsonObject { ["code"] = Domain.Agents.RunErrorCodes.ModelUnavailable, ["message"] = message.GetValue<string>() };
        }
    }

    /// <summary>Before typed steps, a failed tool call stored <c>result: { "error": code }</c>.</summary>
    private static void UpgradeToolCall(JsonObject node, string status)
    {
        if (status == "failed" && node["error"] is null && node["result"] is JsonObject { Count: 1 } result && result["error"] is JsonValue code)
        {
            node["error"] = new JsonObject { ["code"] = code.GetValue<string>() };
            node.Remove("result");
        }
    }

    public static string ApiName(string wireName) => Domain.Agents.AgentTools.FindByWireName(wireName)?.Name ?? wireName;
}
