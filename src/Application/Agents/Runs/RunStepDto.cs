using System.Text.Json.Serialization;

namespace EventAgents.Application.Agents.Runs;

/// <summary>One step of a run, by <c>kind</c>: a model call or a tool call.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(ModelCallStepDto), RunStepKinds.ModelCall)]
[JsonDerivedType(typeof(ToolCallStepDto), RunStepKinds.ToolCall)]
public abstract record RunStepDto(int Seq, int Attempt, string Status, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int DurationMs);
