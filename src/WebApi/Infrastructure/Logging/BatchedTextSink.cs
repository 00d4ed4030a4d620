using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace EventAgents.WebApi.Infrastructure.Logging;

/// <summary>
/// Formats log events onto a stream (stdout or a file) a batch at a time, behind Serilog's own batching sink: one write and
/// one flush per batch instead of one per line, and no dedicated thread woken for every event (the request line is written
/// thousands of times a second). Batches are never written concurrently, so the writer needs no lock.
/// </summary>
internal sealed class BatchedTextSink(Stream output, ITextFormatter formatter) : IBatchedLogEventSink, IDisposable
{
    private const int BufferChars = 64 * 1024;

    private readonly StreamWriter _writer = new(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), BufferChars) { AutoFlush = false };

    public async Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        foreach (var logEvent in batch)
        {
            formatter.Format(logEvent, _writer);
        }

        await _writer.FlushAsync();
    }

    public Task OnEmptyBatchAsync() => Task.CompletedTask;

    public void Dispose() => _writer.Dispose();
}
