using System.Text.Json;

namespace EventAgents.WebApi.IntegrationTests.Infrastructure;

/// <summary>Reads Server-Sent Events frames off a streaming response, with a deadline.</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    public List<string> Comments { get; } = [];

    public static async Task<(HttpResponseMessage Response, SseReader Reader)> OpenAsync(HttpClient http, string url, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (response, new SseReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event frame (id, event, data), skipping comments and retry lines.</summary>
    public async Task<SseEvent> NextEventAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        string? id = null, type = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(deadline.Token) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new SseEvent(id, type, JsonDocument.Parse(data).RootElement);
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                Comments.Add(line);
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }
    }

    /// <summary>Reads until a comment line arrives or the timeout passes.</summary>
    public async Task<string?> NextCommentAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var line = await _reader.ReadLineAsync(deadline.Token);
                if (line is null)
                {
                    return null;
                }

                if (line.StartsWith(':'))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>True when no event frame arrives within the time.</summary>
    public async Task<bool> IsQuietAsync(TimeSpan time)
    {
        try
        {
            await NextEventAsync(time);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public void Dispose() => _reader.Dispose();
}

public sealed record SseEvent(string? Id, string? Type, JsonElement Data);
