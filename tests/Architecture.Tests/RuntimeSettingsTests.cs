using System.Text.Json;

namespace EventAgents.Architecture.Tests;

/// <summary>The runtime settings the API is built with, as the runtime reads them (its runtimeconfig.json).</summary>
public sealed class RuntimeSettingsTests
{
    [Test]
    public void The_api_runs_with_concurrent_workstation_gc()
    {
        // The Web SDK turns Server GC on; a misspelt property once left it on unnoticed (40 % more peak memory).
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "EventAgents.WebApi.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.That(properties.GetProperty("System.GC.Server").GetBoolean(), Is.False, "Server GC");
        Assert.That(properties.GetProperty("System.GC.Concurrent").GetBoolean(), Is.True, "concurrent GC");
    }
}
