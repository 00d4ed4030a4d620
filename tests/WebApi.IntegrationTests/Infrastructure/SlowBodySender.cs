using System.Net.Sockets;
using System.Text;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// A caller that sends its headers at once and then trickles the body over a raw socket (the slow-upload attack), until the
/// server cuts it off or it is disposed. <see cref="ClosedByServer"/> completes when the server closes the connection.
/// </summary>
public sealed class SlowBodySender : IAsyncDisposable
{
    private readonly TcpClient _tcp = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _trickle = Task.CompletedTask;

    public TaskCompletionSource<string> ClosedByServer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Starts a request with a <paramref name="bodyBytes"/>-byte body sent at <paramref name="bytesPerSecond"/>.</summary>
    public static async Task<SlowBodySender> StartAsync(
        Uri server, string method, string path, string contentType, int bodyBytes, int bytesPerSecond, string? bearerToken = null)
    {
        var sender = new SlowBodySender();
        await sender._tcp.ConnectAsync(server.Host, server.Port);
        var stream = sender._tcp.GetStream();
        var head = new StringBuilder()
            .Append(method).Append(' ').Append(path).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(server.Authority).Append("\r\n")
            .Append("Content-Type: ").Append(contentType).Append("\r\n")
            .Append("Content-Length: ").Append(bodyBytes).Append("\r\n");
        if (bearerToken is not null)
        {
            head.Append("Authorization: Bearer ").Append(bearerToken).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        sender._trickle = sender.TrickleAsync(stream, bodyBytes, bytesPerSecond);
        return sender;
    }

    private async Task TrickleAsync(NetworkStream stream, int bodyBytes, int bytesPerSecond)
    {
        const int ticksPerSecond = 10;
        var chunk = new byte[Math.Max(1, bytesPerSecond / ticksPerSecond)];
        Array.Fill(chunk, (byte)'a');
        var reading = ReadAnswerAsync(stream);
        try
        {
            for (var sent = 0; sent < bodyBytes && !_stop.IsCancellationRequested && !reading.IsCompleted; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, Math.Min(chunk.Length, bodyBytes - sent)), _stop.Token);
                await Task.Delay(1000 / ticksPerSecond, _stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server cut the connection (or the test is over).
        }

        await reading;
    }

    private async Task ReadAnswerAsync(NetworkStream stream)
    {
        var buffer = new byte[4096];
        var answer = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }
        }

        ClosedByServer.TrySetResult(answer.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _tcp.Dispose();
        try
        {
            await _trickle;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
