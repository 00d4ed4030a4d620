using System.Text.Json.Nodes;

namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>Realistic problem bodies for the documented error responses, so Swagger UI shows real types instead of placeholders.</summary>
internal static class ProblemExamples
{
    private const string Base = "https://eventagents.dev/problems/";
    private const string CorrelationId = "9f0c3b1d2a4e4f6b8c7d5e3a1b2c4d6e";

    /// <summary>Conflicts particular to an operation; others show the generic one of their status.</summary>
    private static readonly Dictionary<(string Operation, string Status), JsonObject> Specific = new()
    {
        [("AppendEvents", "409")] = Problem("wrong-expected-version", "Wrong expected version", 409,
            "Stream 'order-17' is at version 3, not 0.", "/api/v1/streams/order-17/events", new() { ["currentVersion"] = 3, ["expectedVersion"] = 0 }),
        [("CreateDocument", "409")] = Problem("document-exists", "Document exists", 409,
            "Document orders/o-17 exists already.", "/api/v1/collections/orders/documents"),
        [("CreateAgent", "409")] = Problem("duplicate-name", "Duplicate name", 409, "An agent named 'example-triage' exists.", "/api/v1/agents"),
        [("CancelRun", "409")] = Problem("run-finished", "Run finished", 409, "The run already succeeded.", "/api/v1/runs/0193a5b2-7c1e-7d3a-9f00-00000000b001/cancel"),
        [("AppendEvents", "422")] = SchemaViolation("/api/v1/streams/order-17/events", "/events/0/data/total", "events/order.placed"),
        [("PutDocument", "422")] = SchemaViolation("/api/v1/collections/orders/documents/o-17", "/data/total", "collections/orders"),
        [("PatchDocument", "422")] = SchemaViolation("/api/v1/collections/orders/documents/o-17", "/data/total", "collections/orders"),
        [("CreateDocument", "422")] = SchemaViolation("/api/v1/collections/orders/documents", "/data/total", "collections/orders"),
        [("RegisterSchemaVersion", "409")] = Problem("incompatible-schema", "Incompatible schema", 409,
            "The schema is not backward compatible with events/order.placed: 1 incompatibility.", "/api/v1/schemas/events/order.placed/versions",
            new()
            {
                ["compatibility"] = "backward",
                ["incompatibilities"] = new JsonArray(new JsonObject
                {
                    ["version"] = 2, ["direction"] = "backward", ["kind"] = "required-property-added", ["path"] = "/required",
                    ["message"] = "The new schema requires 'channel' at the root without a default, but version 2 does not require it.",
                }),
            }),
        [("StartRun", "409")] = Problem("request-in-progress", "Request in progress", 409,
            "A request with this Idempotency-Key is still being processed; retry shortly.", "/api/v1/agents/0193a5b2-7c1e-7d3a-9f00-00000000a001/runs"),
    };

    public static JsonObject? For(string operationId, string status, string path)
    {
        if (Specific.TryGetValue((operationId, status), out var specific))
        {
            return (JsonObject)specific.DeepClone();
        }

        return status switch
        {
            "400" => Problem("validation", "The request is not valid.", 400, null, path,
                new() { ["errors"] = new JsonObject { ["events[0].type"] = new JsonArray("'type' must match ^[A-Za-z][A-Za-z0-9._-]*$.") } }),
            "401" => Problem("unauthorized", "Unauthorized", 401, "The access token has expired: get a new one from POST /api/v1/auth/token.", path),
            "403" => Problem("forbidden", "Forbidden", 403, "The access token does not carry the scope this operation requires (events:write).", path,
                new() { ["requiredScopes"] = new JsonArray("events:write") }),
            "404" => Problem("not-found", "Not found", 404, "Stream 'order-17' was not found.", path),
            "409" => Problem("conflict", "Conflict", 409, "The request conflicts with the current state.", path),
            "412" => Problem("precondition-failed", "Precondition failed", 412, "The resource is at version 3, not the one in If-Match.", path,
                new() { ["currentVersion"] = 3 }),
            "413" => Problem("payload-too-large", "Payload Too Large", 413, "The body is larger than 1048576 bytes.", path),
            "415" => Problem("unsupported-media-type", "Unsupported Media Type", 415, null, path),
            "422" => Problem("unprocessable", "Rule violated", 422, "The client lacks the scope documents:write that the tool documents.write needs.", path),
            "428" => Problem("precondition-required", "Precondition required", 428, "Send If-Match with the ETag you last read.", path),
            "429" => Problem("rate-limited", "Too many requests", 429, "Rate limit reached; retry after 1 s.", path, new() { ["retryAfterSeconds"] = 1 }),
            "500" => Problem("internal-error", "An unexpected error occurred.", 500, null, path),
            "503" => Problem("service-unavailable", "Service unavailable", 503, "The service is overloaded; retry shortly.", path, new() { ["retryAfterSeconds"] = 1 }),
            "507" => Problem("storage-quota", "Quota reached", 507, "The tenant's stored events would exceed its storage quota.", path),
            _ => null,
        };
    }

    private static JsonObject SchemaViolation(string instance, string path, string subject) =>
        Problem("schema-violation", "Schema violation", 422, "1 value(s) do not match their schema.", instance, new()
        {
            ["violations"] = new JsonArray(new JsonObject
            {
                ["path"] = path, ["message"] = "Value is \"string\" but should be \"number\"", ["subject"] = subject, ["version"] = 2,
            }),
        });

    private static JsonObject Problem(string type, string title, int status, string? detail, string instance, JsonObject? extra = null)
    {
        var problem = new JsonObject { ["type"] = Base + type, ["title"] = title, ["status"] = status };
        if (detail is not null)
        {
            problem["detail"] = detail;
        }

        problem["instance"] = instance;
        foreach (var (key, value) in extra ?? [])
        {
            problem[key] = value?.DeepClone();
        }

        problem["correlationId"] = CorrelationId;
        return problem;
    }
}
