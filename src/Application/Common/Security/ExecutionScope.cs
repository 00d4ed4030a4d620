namespace EventAgents.Application.Common.Security;

/// <summary>
/// A background execution on behalf of a tenant, such as an agent run: who it acts as, its correlation id and what
/// caused it. Set once, right after its DI scope is created, before anything else is resolved; HTTP requests leave it
/// empty and use the authenticated caller.
/// </summary>
public sealed class ExecutionScope
{
    public ICurrentPrincipal? Principal { get; private set; }

    public string? CorrelationId { get; private set; }

    public RunCausation? Causation { get; private set; }

    public void Enter(ICurrentPrincipal principal, string correlationId, RunCausation causation)
    {
        if (Principal is not null)
        {
            throw new InvalidOperationException("The execution scope is already set.");
        }

        (Principal, CorrelationId, Causation) = (principal, correlationId, causation);
    }
}
