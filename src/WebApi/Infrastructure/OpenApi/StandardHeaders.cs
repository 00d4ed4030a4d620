using Microsoft.OpenApi;

namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>The headers the API documents, with their descriptions and types, in one place.</summary>
internal static class StandardHeaders
{
    public const string CorrelationId = Correlation.CorrelationId.HeaderName;
    public const string RateLimit = "RateLimit";
    public const string RateLimitPolicy = "RateLimit-Policy";
    public const string RetryAfter = "Retry-After";
    public const string Location = "Location";
    public const string ETag = "ETag";
    public const string ContentRange = "Content-Range";
    public const string AcceptRanges = "Accept-Ranges";
    public const string IdempotentReplayed = "Idempotent-Replayed";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string SchemaWarning = "Schema-Warning";
    public const string SchemaVersion = "Schema-Version";
    public const string ConsistencyToken = Application.Common.Consistency.ConsistencyToken.HeaderName;

    private static readonly Dictionary<string, (string Description, JsonSchemaType Type, string? Format)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        [CorrelationId] = ("The request's correlation id: the one sent in X-Correlation-ID, or a new one. In every log line and problem of the request.", JsonSchemaType.String, null),
        [RateLimit] = ("The caller's rate-limit quota left (IETF draft-ietf-httpapi-ratelimit-headers): `\"<policy>\";r=<requests left>;t=<seconds until the quota is full again>`.", JsonSchemaType.String, null),
        [RateLimitPolicy] = ("The rate-limit policy that applies to the caller: `\"<policy>\";q=<quota>;w=<window in seconds>`.", JsonSchemaType.String, null),
        [RetryAfter] = ("Seconds to wait before retrying.", JsonSchemaType.Integer, "int32"),
        [Location] = ("The absolute URL of what was created or accepted.", JsonSchemaType.String, "uri"),
        [ETag] = ("The version of the resource as a strong entity tag, e.g. `\"3\"`; send it in If-Match (writes) or If-None-Match (reads).", JsonSchemaType.String, null),
        [ContentRange] = ("The bytes of the content this answer holds (`bytes <first>-<last>/<length>`), or for 416 the content's length (`bytes */<length>`).", JsonSchemaType.String, null),
        [AcceptRanges] = ("`bytes`: send `Range: bytes=<first>-` to resume a download.", JsonSchemaType.String, null),
        [ConsistencyToken] = ("With read replicas configured: a token covering this write's commit. Send it in X-Consistency-Token on later reads (any instance) to see this write (docs/scaling.md).", JsonSchemaType.String, null),
        [IdempotentReplayed] = ("`true` when this answer repeats the stored result of an earlier identical request (nothing new was written).", JsonSchemaType.String, null),
        [SchemaWarning] = ("Present when data was stored although it fails its subject's schema (enforcement `warn`): one value per failing value, `<subject> v<version> <JSON pointer>: <message>` (at most 10).", JsonSchemaType.String, null),
        [WwwAuthenticate] = ("The Bearer challenge (RFC 6750) with `error` and `error_description`; for 403 `error=\"insufficient_scope\"` and the `scope` needed.", JsonSchemaType.String, null),
    };

    public static OpenApiHeader Header(string name)
    {
        var (description, type, format) = Known[name];
        return new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type, Format = format } };
    }

    public static OpenApiParameter ConsistencyTokenParameter() => new()
    {
        Name = ConsistencyToken,
        In = ParameterLocation.Header,
        Required = false,
        Description = "The X-Consistency-Token of a write: this read then sees that write, whichever instance and replica serve it.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^v1\\.[0-9a-f]{16}$" },
    };

    public static OpenApiParameter CorrelationIdParameter() => new()
    {
        Name = CorrelationId,
        In = ParameterLocation.Header,
        Required = false,
        Description = "Your own id for this request, echoed back and logged; one is made when absent or not of this form.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Correlation.CorrelationId.MaxLength, Pattern = "^[A-Za-z0-9._-]+$" },
    };
}
