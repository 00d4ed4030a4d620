using EventAgents.Application.Common.Exceptions;

namespace EventAgents.Application.Agents.Runs;

public static class RunErrors
{
    public static NotFoundException NotFound(Guid runId) => new("Run", runId.ToString());
}
