using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace EventAgents.Reliability.Harness;

/// <summary>One API process (<c>dotnet EventAgents.WebApi.dll</c>) on 127.0.0.1, its output appended to a log file.</summary>
public sealed class ApiInstance : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _assembly;
    private static readonly HttpClient ProbeClient = new();
    private Process? _process;

    private ApiInstance(string name, string assembly, int port, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        Name = name;
        _assembly = assembly;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        _environment = environment;
        LogFile = logFile;
    }

    public string Name { get; }

    public Uri BaseUrl { get; }

    public string LogFile { get; }

    public int ProcessId => _process?.Id ?? 0;

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<ApiInstance> StartAsync(
        string name, string assembly, IReadOnlyDictionary<string, string> environment, string logFile, CancellationToken cancellationToken)
    {
        var instance = new ApiInstance(name, assembly, FreePort(), environment, logFile);
        await instance.RestartAsync(cancellationToken);
        return instance;
    }

    /// <summary>Starts the process (again, on the same port) and waits until /health/ready answers 200.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is still running");
        }

        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.GetDirectoryName(_assembly)!,
            UseShellExecute = false,
        };
        // exec: the pid we hold is the API's own, so signals reach it and not a shell.
        foreach (var argument in new[] { "-c", "exec dotnet \"$0\" >>\"$1\" 2>&1", _assembly, LogFile })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = BaseUrl.ToString().TrimEnd('/');
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the API");
        await WaitReadyAsync(TimeSpan.FromSeconds(90), cancellationToken);
    }

    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (!IsRunning)
            {
                throw new InvalidOperationException($"{Name} exited with {_process?.ExitCode} while starting; see {LogFile}");
            }

            if (await HealthProbe.ReadyStatusAsync(ProbeClient, BaseUrl) == 200)
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds} s; see {LogFile}");
    }

    /// <summary>kill -9: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM, as a container runtime sends it; returns the exit code and how long the shutdown took.</summary>
    public async Task<(int ExitCode, TimeSpan Took)> TerminateAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was never started");
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return (-1, clock.Elapsed);
        }

        return (process.ExitCode, clock.Elapsed);
    }

    /// <summary>Resident memory and thread count, from /proc.</summary>
    public (long ResidentBytes, int Threads) Sample()
    {
        long resident = 0;
        var threads = 0;
        foreach (var line in File.ReadLines($"/proc/{ProcessId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line.Split('\t', ' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return (resident, threads);
    }

    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            await TerminateAsync(TimeSpan.FromSeconds(30));
        }

        _process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
