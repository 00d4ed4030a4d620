namespace EventAgents.WebApi.Infrastructure.OpenApi;

/// <summary>Example bodies shown in Swagger UI and carried into generated SDK docs, keyed by operationId.</summary>
internal static class OpenApiExamples
{
    public sealed record Example(string Status, string? Request, string Response);

    private const string TenantExport =
        """{ "id": "0193a5b2-7c1e-7d3a-9f00-00000000f001", "tenantId": "0193a5b2-7c1e-7d3a-9f00-000000000001", "status": "succeeded", "position": 41, "byteCount": 18211, "lineCount": 97, "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "error": null, "createdAt": "2026-11-26T10:00:00+00:00", "completedAt": "2026-11-26T10:00:02+00:00" }""";

    private const string OrderEvent =
        """{ "eventId": "0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f", "streamId": "order-17", "version": 1, "position": 41, "type": "order.placed", "data": { "orderId": "17", "total": 99.5 }, "metadata": { "correlationId": "c0ffee", "clientId": "c0193a5b27c1e7d3a" }, "createdAt": "2026-11-26T10:00:00.123+00:00" }""";

    private const string RunEvent =
        """{ "eventId": "0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e71", "streamId": "run:0193a5b2-7c1e-7d3a-9f00-00000000b001", "version": 4, "position": 45, "type": "agent.run.succeeded", "data": { "runId": "0193a5b2-7c1e-7d3a-9f00-00000000b001", "agentId": "0193a5b2-7c1e-7d3a-9f00-00000000a001", "status": "succeeded" }, "metadata": { "correlationId": "c0ffee" }, "createdAt": "2026-11-26T10:00:03+00:00" }""";

    private const string Document =
        """{ "id": "o-17", "collection": "orders", "version": 2, "data": { "customer": "acme", "status": "paid", "total": 99.5 }, "createdAt": "2026-11-26T10:00:00+00:00", "updatedAt": "2026-11-26T10:05:00+00:00" }""";

    private const string AgentBody =
        """{ "name": "example-triage", "description": "Tags new orders", "instructions": "Read the order and write a triage document.", "model": { "provider": "echo" }, "tools": ["documents.read", "documents.write"], "toolsRequiringApproval": ["documents.write"], "actionTimeoutSeconds": 3600, "customTools": [ { "kind": "http", "name": "lookup_customer", "description": "Looks a customer up in the CRM by id.", "parameters": { "type": "object", "properties": { "customerId": { "type": "string" } }, "required": ["customerId"], "additionalProperties": false }, "url": "https://crm.example.com/eventagents/lookup-customer", "timeoutSeconds": 10 }, { "kind": "client", "name": "price_quote", "description": "Quotes a price in the partner's own system.", "parameters": { "type": "object", "properties": { "sku": { "type": "string" } }, "required": ["sku"] } }, { "kind": "mcp", "name": "tickets", "url": "https://support.example.com/mcp", "allowedTools": ["create_ticket"], "requiresApproval": true, "sendToolSecret": true } ], "triggers": [ { "eventType": "order.placed", "streamPrefix": "order-" } ], "timeoutSeconds": 120, "maxAttempts": 3, "maxSteps": 16, "maxConcurrentRuns": 4, "enabled": true }""";

    private const string Agent =
        """{ "id": "0193a5b2-7c1e-7d3a-9f00-00000000a001", "name": "example-triage", "description": "Tags new orders", "instructions": "Read the order and write a triage document.", "model": { "provider": "echo", "name": null, "temperature": null, "maxOutputTokens": null }, "tools": ["documents.read", "documents.write"], "toolsRequiringApproval": ["documents.write"], "actionTimeoutSeconds": 3600, "customTools": [ { "kind": "http", "name": "lookup_customer", "description": "Looks a customer up in the CRM by id.", "parameters": { "type": "object", "properties": { "customerId": { "type": "string" } }, "required": ["customerId"], "additionalProperties": false }, "url": "https://crm.example.com/eventagents/lookup-customer", "timeoutSeconds": 10 }, { "kind": "client", "name": "price_quote", "description": "Quotes a price in the partner's own system.", "parameters": { "type": "object", "properties": { "sku": { "type": "string" } }, "required": ["sku"] } }, { "kind": "mcp", "name": "tickets", "url": "https://support.example.com/mcp", "allowedTools": ["create_ticket"], "requiresApproval": true, "sendToolSecret": true } ], "triggers": [ { "eventType": "order.placed", "streamPrefix": "order-" } ], "triggerTools": ["documents.read"], "triggerStatus": "active", "timeoutSeconds": 120, "maxAttempts": 3, "maxSteps": 16, "maxConcurrentRuns": 4, "enabled": true, "version": 1, "createdAt": "2026-11-26T10:00:00+00:00", "updatedAt": "2026-11-26T10:00:00+00:00" }""";

    private const string Run =
        """{ "id": "0193a5b2-7c1e-7d3a-9f00-00000000b001", "agentId": "0193a5b2-7c1e-7d3a-9f00-00000000a001", "status": "succeeded", "input": { "orderId": "17" }, "output": { "triage": "priority" }, "attempt": 1, "failedAttempts": 0, "maxAttempts": 3, "nextAttemptAt": null, "trigger": { "kind": "api", "clientId": "c0193a5b27c1e7d3a" }, "usage": { "inputTokens": 812, "outputTokens": 96 }, "createdAt": "2026-11-26T10:00:00+00:00", "startedAt": "2026-11-26T10:00:00.2+00:00", "finishedAt": "2026-11-26T10:00:03+00:00" }""";

    private const string QueuedRun =
        """{ "id": "0193a5b2-7c1e-7d3a-9f00-00000000b001", "agentId": "0193a5b2-7c1e-7d3a-9f00-00000000a001", "status": "queued", "input": { "orderId": "17" }, "output": null, "attempt": 0, "failedAttempts": 0, "maxAttempts": 3, "nextAttemptAt": null, "trigger": { "kind": "api", "clientId": "c0193a5b27c1e7d3a" }, "usage": { "inputTokens": 0, "outputTokens": 0 }, "createdAt": "2026-11-26T10:00:00+00:00", "startedAt": null, "finishedAt": null }""";

    private const string Webhook =
        """{ "id": "0193a5b2-7c1e-7d3a-9f00-00000000c001", "url": "https://example.com/hooks/eventagents", "eventTypes": ["order.placed"], "streamPrefix": "order-", "description": "Orders to the ERP", "enabled": true, "disabledReason": null, "createdAt": "2026-11-26T10:00:00+00:00", "updatedAt": "2026-11-26T10:00:00+00:00" }""";

    private const string PausedRun =
        """{ "id": "0193a5b2-7c1e-7d3a-9f00-00000000b001", "agentId": "0193a5b2-7c1e-7d3a-9f00-00000000a001", "status": "requires_action", "input": { "orderId": "17" }, "output": null, "attempt": 1, "failedAttempts": 0, "maxAttempts": 3, "nextAttemptAt": null, "trigger": { "kind": "api", "clientId": "c0193a5b27c1e7d3a" }, "usage": { "inputTokens": 400, "outputTokens": 20 }, "createdAt": "2026-11-26T10:00:00+00:00", "startedAt": "2026-11-26T10:00:00.2+00:00", "finishedAt": null, "requiredAction": { "expiresAt": "2026-11-26T11:00:01+00:00", "calls": [ { "id": "call_1", "tool": "price_quote", "toolKind": "client", "arguments": { "sku": "A-17" }, "needs": "output", "answered": true }, { "id": "call_2", "tool": "documents.write", "toolKind": "builtin", "arguments": { "collection": "orders", "id": "17", "data": { "status": "quoted" } }, "needs": "approval", "answered": false } ] } }""";

    private const string OrderPlacedSchema =
        """{ "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "number", "minimum": 0 }, "currency": { "type": "string", "default": "EUR" } }, "required": ["orderId", "total"] }""";

    private const string SchemaSubject =
        """{ "subject": "events/order.placed", "kind": "events", "name": "order.placed", "compatibility": "backward", "enforcement": "enforce", "latestVersion": 2, "versions": [1, 2], "createdAt": "2026-11-26T10:00:00+00:00", "updatedAt": "2026-11-26T10:05:00+00:00" }""";

    private const string SchemaVersion =
        $$"""{ "subject": "events/order.placed", "version": 2, "schema": {{OrderPlacedSchema}}, "createdAt": "2026-11-26T10:05:00+00:00" }""";

    public static readonly IReadOnlyDictionary<string, Example> ByOperation = new Dictionary<string, Example>
    {
        ["ListSchemaSubjects"] = new("200", null, $$"""{ "items": [ {{SchemaSubject}} ] }"""),
        ["GetSchemaSubject"] = new("200", null, SchemaSubject),
        ["ConfigureSchemaSubject"] = new("200", """{ "compatibility": "backward", "enforcement": "enforce" }""", SchemaSubject),
        ["RegisterSchemaVersion"] = new("201", $$"""{ "schema": {{OrderPlacedSchema}} }""", SchemaVersion),
        ["GetSchemaVersion"] = new("200", null, SchemaVersion),
        ["CheckSchemaCompatibility"] = new("200",
            """{ "schema": { "type": "object", "properties": { "orderId": { "type": "string" }, "total": { "type": "string" } }, "required": ["orderId", "total", "channel"] } }""",
            """{ "compatible": false, "compatibility": "backward", "comparedVersions": [2], "incompatibilities": [ { "version": 2, "direction": "backward", "kind": "required-property-added", "path": "/required", "message": "The new schema requires 'channel' at the root without a default, but version 2 does not require it." }, { "version": 2, "direction": "backward", "kind": "type-narrowed", "path": "/properties/total/type", "message": "The new schema does not accept number at /properties/total, which version 2 accepts." } ] }"""),
        ["CreateAgent"] = new("201", AgentBody, Agent[..^1] + ", \"toolSecret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\" }"),
        ["RotateAgentToolSecret"] = new("200", null, """{ "secret": "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD" }"""),
        ["ReplaceAgent"] = new("200", AgentBody, Agent),
        ["GetAgent"] = new("200", null, Agent),
        ["ListAgents"] = new("200", null, $$"""{ "items": [ {{Agent}} ], "nextCursor": null }"""),
        ["StartRun"] = new("202", """{ "input": { "orderId": "17" } }""", QueuedRun),
        ["GetRun"] = new("200", null, Run),
        ["ListRuns"] = new("200", null, $$"""{ "items": [ {{Run}} ], "nextCursor": null }"""),
        ["CancelRun"] = new("202", null, QueuedRun.Replace("\"queued\"", "\"cancelled\"", StringComparison.Ordinal)),
        ["SubmitToolOutputs"] = new("200", """{ "outputs": [ { "callId": "call_1", "output": { "price": 99.5, "currency": "EUR" } } ] }""", PausedRun),
        ["DecideToolCalls"] = new("200", """{ "decisions": [ { "callId": "call_2", "approve": false, "reason": "Quotes above 50 EUR need a manager." } ] }""",
            QueuedRun.Replace("\"attempt\": 0", "\"attempt\": 1", StringComparison.Ordinal)),
        ["GetRunSteps"] = new("200", null,
            """{ "runId": "0193a5b2-7c1e-7d3a-9f00-00000000b001", "items": [ { "kind": "model_call", "seq": 1, "attempt": 1, "status": "succeeded", "startedAt": "2026-11-26T10:00:00.2+00:00", "finishedAt": "2026-11-26T10:00:01+00:00", "durationMs": 800, "model": "gpt-4o-mini", "usage": { "inputTokens": 400, "outputTokens": 20 }, "toolCalls": [ { "id": "call_1", "name": "documents.read" } ], "finishReason": "tool_calls", "responseText": "", "truncated": false, "messagesSent": 1, "error": null }, { "kind": "tool_call", "seq": 2, "attempt": 1, "status": "succeeded", "startedAt": "2026-11-26T10:00:01+00:00", "finishedAt": "2026-11-26T10:00:01.01+00:00", "durationMs": 10, "tool": "documents.read", "toolCallId": "call_1", "arguments": { "collection": "orders", "id": "17" }, "result": { "id": "17", "collection": "orders", "version": 1, "data": { "status": "open" } }, "error": null } ] }"""),
        ["CreateWebhook"] = new("201",
            """{ "url": "https://example.com/hooks/eventagents", "eventTypes": ["order.placed"], "streamPrefix": "order-", "description": "Orders to the ERP" }""",
            $$"""{ "webhook": {{Webhook}}, "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }"""),
        ["GetWebhook"] = new("200", null, Webhook),
        ["ListWebhooks"] = new("200", null, $$"""{ "items": [ {{Webhook}} ], "nextCursor": null }"""),
        ["UpdateWebhook"] = new("200", """{ "enabled": false }""", Webhook),
        ["RotateWebhookSecret"] = new("200", null, """{ "secret": "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD" }"""),
        ["PingWebhook"] = new("200", null, """{ "succeeded": true, "statusCode": 200, "durationMs": 42, "error": null }"""),
        ["ListWebhookDeliveries"] = new("200", null,
            """{ "items": [ { "id": "0193a5b2-7c1e-7d3a-9f00-00000000d001", "messageId": "msg_0193a5b27c1e7d3a9f001a2b3c4d5e6f", "eventId": "0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f", "position": 41, "eventType": "order.placed", "status": "succeeded", "attemptCount": 2, "nextAttemptAt": null, "attempts": [ { "attempt": 1, "statusCode": 503, "durationMs": 120, "error": "HTTP 503", "attemptedAt": "2026-11-26T10:00:00+00:00" }, { "attempt": 2, "statusCode": 200, "durationMs": 80, "error": null, "attemptedAt": "2026-11-26T10:00:05+00:00" } ], "createdAt": "2026-11-26T10:00:00+00:00", "updatedAt": "2026-11-26T10:00:05+00:00" } ], "nextCursor": null }"""),
        ["IssueToken"] = new("200", null,
            """{ "access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9...", "token_type": "Bearer", "expires_in": 900, "scope": "events:read events:write" }"""),
        ["CreateTenant"] = new("201", """{ "name": "Acme Corp" }""",
            """{ "id": "0193a5b2-7c1e-7d3a-9f00-000000000001", "name": "Acme Corp", "createdAt": "2026-11-26T10:00:00+00:00" }"""),
        ["CreateTenantClient"] = new("201", """{ "name": "orders-service", "scopes": ["events:read", "events:write"] }""",
            """{ "clientId": "c0193a5b27c1e7d3a9f001a2b3c4d5e6f", "clientSecret": "q3J9v...shown-once", "tenantId": "0193a5b2-7c1e-7d3a-9f00-000000000001", "name": "orders-service", "scopes": ["events:read", "events:write"], "createdAt": "2026-11-26T10:00:00+00:00", "secretId": "0193a5b2-7c1e-7d3a-9f00-00000000e001" }"""),
        ["AddTenantClientSecret"] = new("201", """{ "previousSecretsExpireAt": "2026-11-27T10:00:00+00:00" }""",
            """{ "id": "0193a5b2-7c1e-7d3a-9f00-00000000e002", "clientSecret": "x8Kq2...shown-once", "createdAt": "2026-11-26T10:00:00+00:00", "previousSecretsExpireAt": "2026-11-27T10:00:00+00:00" }"""),
        ["ListTenantClientSecrets"] = new("200", null,
            """{ "items": [ { "id": "0193a5b2-7c1e-7d3a-9f00-00000000e002", "status": "active", "createdAt": "2026-11-26T10:00:00+00:00", "expiresAt": null, "revokedAt": null, "lastUsedAt": "2026-11-26T10:03:00+00:00" }, { "id": "0193a5b2-7c1e-7d3a-9f00-00000000e001", "status": "active", "createdAt": "2026-11-20T09:00:00+00:00", "expiresAt": "2026-11-27T10:00:00+00:00", "revokedAt": null, "lastUsedAt": "2026-11-26T09:58:00+00:00" } ] }"""),
        ["AppendEvents"] = new("201",
            """{ "events": [ { "type": "order.placed", "data": { "orderId": "17", "total": 99.5 }, "metadata": { "source": "web" } } ] }""",
            """{ "streamId": "order-17", "fromVersion": 1, "toVersion": 1, "events": [ { "eventId": "0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f", "version": 1, "position": 41 } ] }"""),
        ["GetStream"] = new("200", null,
            """{ "streamId": "order-17", "version": 3, "createdAt": "2026-11-26T10:00:00+00:00", "updatedAt": "2026-11-26T10:05:00+00:00" }"""),
        ["OffboardTenant"] = new("202", null,
            """{ "tenantId": "0193a5b2-7c1e-7d3a-9f00-000000000001", "status": "erasing", "offboardedAt": "2026-11-26T10:00:00+00:00", "erasedAt": null }"""),
        ["GetTenantOffboarding"] = new("200", null,
            """{ "tenantId": "0193a5b2-7c1e-7d3a-9f00-000000000001", "status": "erased", "offboardedAt": "2026-11-26T10:00:00+00:00", "erasedAt": "2026-11-26T10:01:05+00:00" }"""),
        ["StartTenantExport"] = new("202", null, TenantExport.Replace("\"succeeded\"", "\"pending\"", StringComparison.Ordinal)),
        ["GetTenantExport"] = new("200", null, TenantExport),
        ["GetTenantExportContent"] = new("200", null,
            """{"kind":"export","format":"eventagents.export.v1","exportId":"0193a5b2-7c1e-7d3a-9f00-00000000f001","tenantId":"0193a5b2-7c1e-7d3a-9f00-000000000001","position":41,"exportedAt":"2026-11-26T10:00:01+00:00"}"""),
        ["GetStreamMetadata"] = new("200", null, """{ "maxAge": 2592000, "maxCount": null, "truncateBefore": 3 }"""),
        ["SetStreamMetadata"] = new("200", """{ "maxAge": 2592000, "maxCount": null, "truncateBefore": 3 }""",
            """{ "maxAge": 2592000, "maxCount": null, "truncateBefore": 3 }"""),
        ["ReadStreamEvents"] = new("200", null,
            $$"""{ "streamId": "order-17", "version": 3, "items": [ {{OrderEvent}} ], "nextCursor": "2" }"""),
        ["ListStreams"] = new("200", null,
            """{ "items": [ { "streamId": "order-17", "version": 3, "createdAt": "2026-11-26T10:00:00+00:00", "updatedAt": "2026-11-26T10:05:00+00:00" } ], "nextCursor": null }"""),
        ["ReadAllEvents"] = new("200", null,
            $$"""{ "items": [ {{OrderEvent}} ], "nextCursor": null, "lastPosition": 41 }"""),
        ["CreateDocument"] = new("201", """{ "data": { "customer": "acme", "status": "open", "total": 99.5 } }""", Document),
        ["PutDocument"] = new("200", """{ "data": { "customer": "acme", "status": "paid", "total": 99.5 } }""", Document),
        ["PatchDocument"] = new("200", """{ "status": "paid", "note": null }""", Document),
        ["GetDocument"] = new("200", null, Document),
        ["ListDocuments"] = new("200", null, $$"""{ "items": [ {{Document}} ], "nextCursor": "eyJTIjoiZG9jdW1lbnRzIn0" }"""),
        ["GetDocumentHistory"] = new("200", null,
            """{ "items": [ { "eventId": "0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e70", "streamId": "doc:orders:o-17", "version": 1, "position": 42, "type": "document.created", "data": { "data": { "status": "open" } }, "metadata": { "correlationId": "c0ffee", "clientId": "c0193a5b27c1e7d3a" }, "createdAt": "2026-11-26T10:00:00+00:00" } ], "nextCursor": null }"""),
        ["ListCollections"] = new("200", null, """{ "items": [ { "collection": "orders", "count": 1250 } ] }"""),
        // An event stream's example is one of the items it yields (the data of one frame).
        ["FollowEvents"] = new("200", null, OrderEvent),
        ["FollowRun"] = new("200", null, RunEvent),
    };
}
