using System.Text;
using EventAgents.Application.Schemas;
using EventAgents.WebApi.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Mvc.Filters;

namespace EventAgents.WebApi.Infrastructure.Schemas;

/// <summary>
/// Sends the request's <see cref="SchemaWarnings"/> (writes stored in warn-mode subjects although they fail their schema) as
/// <c>Schema-Warning</c> header values. Header values are ASCII: anything else in a message is replaced by '?'.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SchemaWarningHeaderAttribute : ResultFilterAttribute
{
    private const int MaxValueLength = 300;

    public override void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.HttpContext.RequestServices.GetService<SchemaWarnings>() is { All.Count: > 0 } warnings)
        {
            context.HttpContext.Response.Headers.Append(StandardHeaders.SchemaWarning, warnings.All.Select(AsHeaderValue).ToArray());
        }
    }

    private static string AsHeaderValue(string warning)
    {
        var value = new StringBuilder(Math.Min(warning.Length, MaxValueLength));
        foreach (var c in warning.AsSpan(0, Math.Min(warning.Length, MaxValueLength)))
        {
            value.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return value.ToString();
    }
}
