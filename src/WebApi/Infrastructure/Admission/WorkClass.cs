namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>
/// The classes of work with their own limit: reads are bound by the API's CPU, writes mostly wait for PostgreSQL (the tenant
/// lock, group commit, the WAL flush), so their latencies and the concurrency that serves them best differ by an order of
/// magnitude.
/// </summary>
internal enum WorkClass
{
    Read,
    Write,
}
