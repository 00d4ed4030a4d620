using System.Diagnostics.Metrics;
using EventAgents.Application.Common.Telemetry;

namespace EventAgents.Application.Schemas;

/// <summary>Counts the values checked against a schema on write, by subject kind and outcome (valid, warned, refused).</summary>
public sealed class SchemaMetrics
{
    private readonly Counter<long> _validations;

    public SchemaMetrics(IMeterFactory meters) =>
        _validations = meters.Create(MeterNames.Service).CreateCounter<long>(
            "eventagents.schema.validations", unit: "{value}", description: "Values checked against a registered schema on write, by outcome.");

    public void Checked(string kind, string outcome) =>
        _validations.Add(1, new KeyValuePair<string, object?>("subject_kind", kind), new KeyValuePair<string, object?>("outcome", outcome));
}
