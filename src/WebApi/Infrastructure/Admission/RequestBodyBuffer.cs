using System.Buffers;

namespace EventAgents.WebApi.Infrastructure.Admission;

/// <summary>
/// Reads a request's whole body into memory before the request asks for a slot, so that a slow upload holds a connection but
/// never a slot. A body with a Content-Length goes into a pooled array of that size (returned when the response is done);
/// a chunked one into a growing stream. Kestrel's body limit and minimum data rate apply while reading.
/// </summary>
internal static class RequestBodyBuffer
{
    /// <summary>
    /// False when the caller went away while sending; a body that is too large, too slow or cut short throws Kestrel's
    /// BadHttpRequestException (413, 408, 400) for the exception handler.
    /// </summary>
    public static async Task<bool> TryBufferAsync(HttpRequest request)
    {
        var aborted = request.HttpContext.RequestAborted;
        try
        {
            if (request.ContentLength is long length and <= int.MaxValue)
            {
                var buffer = ArrayPool<byte>.Shared.Rent((int)length);
                request.HttpContext.Response.RegisterForDispose(new PooledBuffer(buffer));
                await request.Body.ReadExactlyAsync(buffer.AsMemory(0, (int)length), aborted);
                request.Body = new MemoryStream(buffer, 0, (int)length, writable: false);
            }
            else
            {
                var body = new MemoryStream();
                await request.Body.CopyToAsync(body, aborted);
                body.Position = 0;
                request.Body = body;
            }

            return true;
        }
        catch (Exception ex) when (ex is not BadHttpRequestException && (ex is IOException or OperationCanceledException) && aborted.IsCancellationRequested)
        {
            return false;
        }
    }

    private sealed class PooledBuffer(byte[] buffer) : IDisposable
    {
        public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);
    }
}
