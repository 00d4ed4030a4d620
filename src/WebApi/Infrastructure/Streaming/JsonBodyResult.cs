using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace EventAgents.WebApi.Infrastructure.Streaming;

/// <summary>
/// A 200 whose JSON body is serialised synchronously with the API's serializer options into a pooled buffer and sent with a
/// Content-Length, for the hottest reads: no output-formatter selection (the API answers JSON whatever the Accept header says,
/// as MVC does here), no asynchronous serializer state machine for a body that is already in memory, no chunked framing.
/// </summary>
public sealed class JsonBodyResult<T>(T value) : ActionResult
{
    private const string ContentType = "application/json; charset=utf-8";

    public T Value { get; } = value;

    public override async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var options = context.HttpContext.RequestServices.GetRequiredService<JsonSerializerOptionsProvider>().Options;
        using var buffer = new PooledBufferWriter(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true }))
        {
            JsonSerializer.Serialize(writer, Value, options);
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = buffer.WrittenCount;
        await response.BodyWriter.WriteAsync(buffer.WrittenMemory, context.HttpContext.RequestAborted);
    }
}
