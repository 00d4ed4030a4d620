using System.Globalization;

namespace EventAgents.Reliability;

/// <summary>What build/reliability.sh passes to the runner: which suites, where the API and the database are, and each suite's budget.</summary>
public sealed record RunnerOptions
{
    public IReadOnlyList<string> Suites { get; init; } = [];

    /// <summary>The API's entry assembly (EventAgents.WebApi.dll), started with <c>dotnet</c> as a real process.</summary>
    public string ApiAssembly { get; init; } = "";

    public string ConnectionString { get; init; } = "";

    /// <summary>Shell commands that stop and start the PostgreSQL cluster (the database-restart suite only).</summary>
    public string? PostgresStopCommand { get; init; }

    public string? PostgresStartCommand { get; init; }

    public string OpenApiDocument { get; init; } = "docs/openapi/v1.json";

    public string WorkDirectory { get; init; } = Path.GetTempPath();

    public int FuzzCasesPerOperation { get; init; } = 2000;

    public int Seed { get; init; } = Environment.TickCount;

    public double SoakMinutes { get; init; } = 10;

    public int OverloadSeconds { get; init; } = 30;

    public int MemoryLimitMegabytes { get; init; } = 512;

    public static RunnerOptions Parse(string[] args)
    {
        var options = new RunnerOptions
        {
            ConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") ?? "",
            PostgresStopCommand = Environment.GetEnvironmentVariable("RELIABILITY_PG_STOP"),
            PostgresStartCommand = Environment.GetEnvironmentVariable("RELIABILITY_PG_START"),
        };
        var suites = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--api" => options with { ApiAssembly = Path.GetFullPath(Next()) },
                "--openapi" => options with { OpenApiDocument = Path.GetFullPath(Next()) },
                "--work" => options with { WorkDirectory = Path.GetFullPath(Next()) },
                "--fuzz-cases" => options with { FuzzCasesPerOperation = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--soak-minutes" => options with { SoakMinutes = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--overload-seconds" => options with { OverloadSeconds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--memory-limit-mb" => options with { MemoryLimitMegabytes = int.Parse(Next(), CultureInfo.InvariantCulture) },
                var other when other.StartsWith("--", StringComparison.Ordinal) => throw new ArgumentException($"unknown option {other}"),
                var suite => AddSuite(options, suites, suite),
            };
        }

        if (options.ApiAssembly.Length == 0 || !File.Exists(options.ApiAssembly))
        {
            throw new ArgumentException("--api must name the published EventAgents.WebApi.dll");
        }

        if (options.ConnectionString.Length == 0)
        {
            throw new ArgumentException("ConnectionStrings__Postgres is not set");
        }

        return options with { Suites = suites };
    }

    private static RunnerOptions AddSuite(RunnerOptions options, List<string> suites, string suite)
    {
        suites.Add(suite);
        return options;
    }
}
