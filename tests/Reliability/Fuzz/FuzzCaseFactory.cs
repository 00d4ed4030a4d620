using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EventAgents.Reliability.Fuzz;

/// <summary>
/// Builds malformed and hostile requests for an operation of the OpenAPI document: a valid request first (real ids of
/// tenant A), then one kind of damage — to a body field, the body's shape, a path or query parameter, the headers, the
/// credentials, or tenant B's ids in place of A's.
/// </summary>
public sealed class FuzzCaseFactory(FuzzFixtures fixtures, Uri baseUrl, Random random)
{
    private const string Placeholder = "__fuzz_placeholder__";
    private const string FormContentType = "application/x-www-form-urlencoded";
    private static readonly string[] Kinds = ["valid", "body-field", "body-shape", "path", "query", "headers", "auth", "cross-tenant"];
    private readonly ValidValues _valid = new(random, fixtures);

    private static bool IsOffboarding(FuzzOperation operation) => operation is { Method: "DELETE", Path: "/api/v1/tenants/{tenantId}" };

    public FuzzCase Create(FuzzOperation operation)
    {
        var kind = Kinds[random.Next(Kinds.Length)];
        if ((kind is "body-field" or "body-shape" && operation.BodySchema is null) || (kind == "path" && !operation.Parameters.Any(p => p.In == "path")))
        {
            kind = "query";
        }

        var draft = Draft(operation, kind == "cross-tenant");
        var description = kind switch
        {
            "body-field" => MutateField(operation, draft),
            "body-shape" => MutateShape(operation, draft),
            "path" => MutatePath(operation, draft),
            "query" => MutateQuery(operation, draft),
            "headers" => MutateHeaders(draft),
            "auth" => MutateAuth(draft),
            _ => kind,
        };
        return new FuzzCase(kind, description, () => draft.Build(operation, baseUrl));
    }

    private RequestDraft Draft(FuzzOperation operation, bool otherTenant)
    {
        var draft = new RequestDraft
        {
            Authorization = operation.IsSecured ? $"Bearer {(operation.IsAdmin ? fixtures.Admin.Token : fixtures.Tenant.Token)}" : null,
            ContentType = operation.BodyContentType,
        };
        foreach (var parameter in operation.Parameters)
        {
            // The admin acts for every tenant by design, so "another tenant" means nothing to its operations; and offboarding
            // is aimed at a tenant of its own, so it cannot disable the tenants whose answers the other cases check.
            var value = (otherTenant && !operation.IsAdmin ? fixtures.OtherIdFor(parameter.Name) : null)
                ?? (IsOffboarding(operation) && parameter.Name == "tenantId" ? fixtures.ExpendableTenantId : null)
                ?? ValueText(parameter);
            switch (parameter.In)
            {
                case "path":
                    draft.Path[parameter.Name] = Uri.EscapeDataString(value);
                    break;
                case "query" when parameter.Required || random.Next(2) == 0:
                    draft.Query.Add($"{parameter.Name}={Uri.EscapeDataString(value)}");
                    break;
                case "header" when random.Next(2) == 0:
                    draft.Headers.Add((parameter.Name, HeaderValue(parameter.Name)));
                    break;
            }
        }

        if (operation.BodySchema is { } schema)
        {
            var body = _valid.For(schema);
            if (otherTenant && !operation.IsAdmin && body is JsonObject fields)
            {
                foreach (var name in fields.Select(f => f.Key).ToList())
                {
                    if (fixtures.OtherIdFor(name) is { } id)
                    {
                        fields[name] = id;
                    }
                }
            }

            draft.Body = body;
        }

        return draft;
    }

    private string ValueText(FuzzParameter parameter)
    {
        var value = _valid.For(parameter.Schema, parameter.Name);
        return value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? "";
    }

    private string HeaderValue(string name) => name switch
    {
        "If-Match" or "If-None-Match" => $"\"{random.Next(1, 5)}\"",
        "Idempotency-Key" => Guid.NewGuid().ToString(),
        "Last-Event-ID" => "0",
        _ => "fuzz",
    };

    private string MutateField(FuzzOperation operation, RequestDraft draft)
    {
        if (operation.BodyContentType == FormContentType && draft.Body is JsonObject form && form.Count > 0)
        {
            var field = form.ElementAt(random.Next(form.Count)).Key;
            form[field] = HostileValues.Pick(random);
            return $"form field {field} = {Shorten(form[field]!.GetValue<string>())}";
        }

        var targets = new List<JsonNode>();
        Collect(draft.Body, targets);
        if (targets.Count == 0)
        {
            return MutateWhole(draft);
        }

        var target = targets[random.Next(targets.Count)];
        var value = HostileValues.PickJson(random);
        var parent = target.Parent;
        switch (parent)
        {
            case JsonObject fields:
                fields[target.GetPropertyName()] = Placeholder;
                break;
            case JsonArray items:
                items[target.GetElementIndex()] = Placeholder;
                break;
            default:
                return MutateWhole(draft);
        }

        draft.RawBody = draft.Body!.ToJsonString().Replace($"\"{Placeholder}\"", value, StringComparison.Ordinal);
        return $"field {target.GetPath()} = {Shorten(value)}";
    }

    private string MutateWhole(RequestDraft draft)
    {
        draft.RawBody = HostileValues.PickJson(random);
        return $"body = {Shorten(draft.RawBody)}";
    }

    private string MutateShape(FuzzOperation operation, RequestDraft draft)
    {
        var valid = draft.Body?.ToJsonString() ?? "{}";
        switch (random.Next(10))
        {
            case 0 when draft.Body is JsonObject fields && fields.Count > 0:
                var removed = fields.ElementAt(random.Next(fields.Count)).Key;
                fields.Remove(removed);
                return $"without {removed}";
            case 1 when draft.Body is JsonObject fields:
                fields[HostileValues.Pick(random) is { Length: > 0 and < 100 } name ? name : "extra"] = JsonNode.Parse(HostileValues.JsonLiterals[random.Next(HostileValues.JsonLiterals.Length)]);
                return "with an extra field";
            case 2:
                draft.RawBody = valid.Length > 2 ? valid[..(valid.Length / 2)] : "{";
                return "truncated JSON";
            case 3:
                draft.RawBytes = HostileValues.WithInvalidUtf8(valid, random);
                return "invalid UTF-8";
            case 4:
                draft.RawBody = HostileValues.Deep(random.Next(2) == 0 ? 65 : 100_000);
                return "deeply nested arrays";
            case 5:
                draft.RawBody = valid.Length > 2 ? valid.Insert(1, "\"data\":1,\"data\":{},") : "{\"a\":1,\"a\":2}";
                return "duplicate keys";
            case 6:
                draft.RawBody = "{\"data\":\"" + new string('a', 3 * 1024 * 1024) + "\"}";
                return "3 MB body";
            case 7:
                draft.RawBody = random.Next(2) == 0 ? "" : "not json at all <xml/>";
                return "not JSON";
            case 8:
                draft.ContentType = operation.BodyContentType == "application/json" ? FormContentType : "application/json";
                draft.RawBody = operation.BodyContentType == "application/json" ? "a=1&b=2" : valid;
                return "other content type";
            default:
                return MutateWhole(draft);
        }
    }

    private string MutatePath(FuzzOperation operation, RequestDraft draft)
    {
        var parameter = operation.Parameters.Where(p => p.In == "path").ElementAt(random.Next(operation.Parameters.Count(p => p.In == "path")));
        var value = HostileValues.Pick(random);
        string[] raw = ["%", "%zz", "%C3%28", "%FF%FE", "%00", "%2F", "..", ".", "%E2%80%AE"];
        draft.Path[parameter.Name] = random.Next(4) == 0 ? raw[random.Next(raw.Length)] : Uri.EscapeDataString(value);
        return $"path {parameter.Name} = {Shorten(draft.Path[parameter.Name])}";
    }

    private string MutateQuery(FuzzOperation operation, RequestDraft draft)
    {
        var names = operation.Parameters.Where(p => p.In == "query").Select(p => p.Name).Append("unknown").Append("where[data.x]").ToList();
        var name = names[random.Next(names.Count)];
        var value = random.Next(5) == 0 ? "%zz%C3%28" : Uri.EscapeDataString(HostileValues.Pick(random));
        draft.Query.Add($"{Uri.EscapeDataString(name)}={value}");
        if (random.Next(4) == 0)
        {
            draft.Query.Add($"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(HostileValues.Pick(random))}");
        }

        return $"query {name} = {Shorten(value)}";
    }

    private string MutateHeaders(RequestDraft draft)
    {
        (string Name, string Value)[] abuse =
        [
            ("Content-Type", "text/plain"), ("Content-Type", "application/json; charset=latin1"), ("Content-Type", "multipart/form-data"),
            ("Content-Type", "application/xml"), ("Content-Type", "application/json; charset=\"\""), ("Accept", "application/xml"),
            ("Accept", "text/event-stream"), ("Accept", "*/*;q=abc"), ("If-Match", "\""), ("If-Match", "W/\"1\", *, garbage"),
            ("If-Match", new string('9', 500)), ("If-None-Match", "*"), ("If-None-Match", "\"-1\""), ("Idempotency-Key", new string('k', 5000)),
            ("Idempotency-Key", ""), ("Idempotency-Key", "' OR 1=1 --"), ("Last-Event-ID", "-1"), ("Last-Event-ID", "99999999999999999999999"),
            ("Last-Event-ID", "abc"), ("X-Correlation-ID", new string('c', 2000)), ("X-Correlation-ID", "<script>"), ("X-Forwarded-For", "' OR 1=1"),
            ("Origin", "http://127.0.0.1:9"), ("Content-Encoding", "gzip"), ("X-Huge", new string('h', 40_000)),
            ("Range", "bytes=0-1"), ("Expect", "100-continue"),
        ];
        var count = random.Next(1, 4);
        var picked = Enumerable.Range(0, count).Select(_ => abuse[random.Next(abuse.Length)]).ToList();
        foreach (var (name, value) in picked)
        {
            if (name == "Content-Type")
            {
                draft.ContentType = value;
                draft.RawBody ??= draft.Body?.ToJsonString() ?? "{}";
            }
            else
            {
                draft.Headers.Add((name, value));
            }
        }

        if (random.Next(5) == 0)
        {
            draft.Headers.AddRange(Enumerable.Range(0, 150).Select(i => ($"X-Fuzz-{i}", "x")));
        }

        return "headers " + string.Join(", ", picked.Select(p => $"{p.Name}: {Shorten(p.Value)}"));
    }

    private string MutateAuth(RequestDraft draft)
    {
        var token = fixtures.Tenant.Token;
        var parts = token.Split('.');
        string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string?[] variants =
        [
            null, "Bearer", "Bearer ", "Bearer garbage", "Bearer " + token[..(token.Length / 2)], "Bearer " + token + "x",
            $"Bearer {Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{parts[1]}.",
            $"Bearer {parts[0]}.{Encode($"{{\"sub\":\"x\",\"tenant_id\":\"{fixtures.Other.TenantId}\",\"scope\":\"admin\",\"exp\":4102444800}}")}.{parts[2]}",
            $"Bearer {Encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")}.{parts[1]}.{Encode("forged-signature")}",
            "Basic Zm9vOmJhcg==", "Basic !!!", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("no-colon")), "bearer " + token,
            "Bearer " + new string('A', 20_000), "Digest username=\"x\"", "Bearer " + fixtures.Other.Token[..20],
        ];
        draft.Authorization = variants[random.Next(variants.Length)];
        return $"Authorization: {Shorten(draft.Authorization ?? "(none)")}";
    }

    private static void Collect(JsonNode? node, List<JsonNode> into)
    {
        switch (node)
        {
            case JsonObject fields:
                foreach (var (_, value) in fields)
                {
                    if (value is not null)
                    {
                        into.Add(value);
                        Collect(value, into);
                    }
                }

                break;
            case JsonArray items:
                foreach (var item in items.OfType<JsonNode>())
                {
                    into.Add(item);
                    Collect(item, into);
                }

                break;
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : $"{text[..40]}…({text.Length} chars)";

    /// <summary>A request being put together: the parts each mutation may damage.</summary>
    private sealed class RequestDraft
    {
        public Dictionary<string, string> Path { get; } = [];

        public List<string> Query { get; } = [];

        public List<(string Name, string Value)> Headers { get; } = [];

        public string? Authorization { get; set; }

        public string? ContentType { get; set; }

        public JsonNode? Body { get; set; }

        public string? RawBody { get; set; }

        public byte[]? RawBytes { get; set; }

        public HttpRequestMessage Build(FuzzOperation operation, Uri baseUrl)
        {
            var path = Path.Aggregate(operation.Path, (current, parameter) => current.Replace($"{{{parameter.Key}}}", parameter.Value, StringComparison.Ordinal));
            var query = Query.Count == 0 ? "" : "?" + string.Join("&", Query);
            var request = new HttpRequestMessage(new HttpMethod(operation.Method), new Uri(baseUrl, path + query));
            if (Authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", Authorization);
            }

            var bytes = RawBytes ?? ((RawBody ?? BodyText(operation)) is { } text ? Encoding.UTF8.GetBytes(text) : null);
            if (bytes is not null)
            {
                request.Content = new ByteArrayContent(bytes);
                if (ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
                }
            }

            foreach (var (name, value) in Headers)
            {
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content ??= new ByteArrayContent([]);
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            return request;
        }

        private string? BodyText(FuzzOperation operation) => Body switch
        {
            null => null,
            JsonObject form when operation.BodyContentType == FormContentType && ContentType == operation.BodyContentType =>
                string.Join("&", form.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : f.Value?.ToJsonString() ?? "")}")),
            _ => Body.ToJsonString(),
        };
    }
}
