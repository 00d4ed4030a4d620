using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EventAgents.WebApi.Infrastructure.Streaming;

/// <summary>The API's JSON settings, for bodies written outside MVC (event streams), so both look the same.</summary>
public sealed class JsonSerializerOptionsProvider(IOptions<JsonOptions> options)
{
    public JsonSerializerOptions Options => options.Value.JsonSerializerOptions;
}
