namespace EventAgents.Infrastructure.Tenants.Exports;

/// <summary>The export's lease ran out and another attempt owns it now: this one stops writing.</summary>
internal sealed class ExportTakenOverException() : Exception("The export was taken over by another attempt.");
