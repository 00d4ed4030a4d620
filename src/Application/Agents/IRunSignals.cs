namespace EventAgents.Application.Agents;

/// <summary>Wake-ups for this instance's run workers (other instances poll and listen).</summary>
public interface IRunSignals
{
    void RunQueued();

    void CancelRequested(Guid runId);
}
