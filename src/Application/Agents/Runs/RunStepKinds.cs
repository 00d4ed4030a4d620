namespace EventAgents.Application.Agents.Runs;

public static class RunStepKinds
{
    public const string ModelCall = "model_call";
    public const string ToolCall = "tool_call";
}
