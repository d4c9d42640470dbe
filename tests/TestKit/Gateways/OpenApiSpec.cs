using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PaymentCore.Adapters.Tests.Infrastructure;

/// <summary>
/// Just enough of an OpenAPI 3 checker to hold requests and JSON against the gateways' published
/// specs (PayPal's, CAMARA's): <c>$ref</c>, <c>allOf</c>, discriminators, properties, required,
/// type, enum, pattern, maxLength, minimum, multipleOf, arrays; and for a whole request, its
/// operation, query parameters, headers and body (<see cref="RequestViolations"/>).
/// </summary>
public sealed partial class OpenApiSpec
{
    private readonly JsonNode _root;
    private readonly JsonObject _schemas;

    private OpenApiSpec(JsonNode root)
    {
        _root = root;
        _schemas = root["components"]!["schemas"]!.AsObject();
    }

    public static OpenApiSpec CheckoutOrders { get; } = new(SharedData.Json("paypal/checkout_orders_v2.json"));

    public static OpenApiSpec Payments { get; } = new(SharedData.Json("paypal/payments_payment_v2.json"));

    public static OpenApiSpec Notifications { get; } = new(SharedData.Json("paypal/notifications_webhooks_v1.json"));

    /// <summary>CAMARA Carrier Billing v0.5 (YAML).</summary>
    public static OpenApiSpec CarrierBilling { get; } = new(YamlJson.Load(SharedData.PathOf("camara/carrier-billing.yaml")));

    /// <summary>CAMARA Carrier Billing Refund v0.3 (YAML).</summary>
    public static OpenApiSpec CarrierBillingRefund { get; } = new(YamlJson.Load(SharedData.PathOf("camara/carrier-billing-refund.yaml")));

    /// <summary>The path of the first server URL without its scheme and host (<c>{apiRoot}/carrier-billing/v0.5</c> → <c>/carrier-billing/v0.5</c>).</summary>
    public string BasePath => _root["servers"]?[0]?["url"]?.GetValue<string>() switch
    {
        { } url when url.StartsWith('{') => url[(url.IndexOf('}', StringComparison.Ordinal) + 1)..],
        { } url when Uri.TryCreate(url, UriKind.Absolute, out var absolute) => absolute.AbsolutePath.TrimEnd('/'),
        _ => string.Empty,
    };

    /// <summary>
    /// Every way a request breaks the spec: no operation for its method and path (relative to
    /// <see cref="BasePath"/>), a query parameter or header parameter it does not declare or whose
    /// value breaks its schema, a missing or malformed JSON body; empty when it conforms.
    /// </summary>
    /// <returns>The violations and the operation's id (null when none matched).</returns>
    public (IReadOnlyList<string> Violations, string? OperationId) RequestViolations(
        string method, string path, string query, IReadOnlyDictionary<string, string> headers, string body)
    {
        var violations = new List<string>();
        if (!path.StartsWith(BasePath, StringComparison.Ordinal) || Operation(method, path[BasePath.Length..]) is not { } operation)
        {
            return ([$"{method} {path}: no such operation"], null);
        }

        var id = operation["operationId"]?.GetValue<string>() ?? $"{method} {path}";
        var parameters = (operation["parameters"]?.AsArray() ?? []).Select(p => Resolve(p!.AsObject())).ToList();
        foreach (var (name, value) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query))
        {
            if (parameters.FirstOrDefault(p => p["in"]?.GetValue<string>() == "query" && p["name"]?.GetValue<string>() == name) is not { } declared)
            {
                violations.Add($"{id}: query parameter '{name}' is not declared");
                continue;
            }

            foreach (var text in value.OfType<string>())
            {
                Check(Typed(text, declared["schema"]!.AsObject()), Effective(declared["schema"]!.AsObject()), $"{id}?{name}", violations, viaDiscriminator: false);
            }
        }

        foreach (var header in parameters.Where(p => p["in"]?.GetValue<string>() == "header"))
        {
            if (headers.FirstOrDefault(h => string.Equals(h.Key, header["name"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase)).Value is { } value)
            {
                Check(JsonValue.Create(value), Effective(header["schema"]!.AsObject()), $"{id} header {header["name"]}", violations, viaDiscriminator: false);
            }
        }

        var bodySchema = operation["requestBody"]?["content"]?["application/json"]?["schema"]?.AsObject();
        var bodyRequired = operation["requestBody"]?["required"]?.GetValue<bool>() == true;
        switch (bodySchema, body.Length)
        {
            case (null, > 0):
                violations.Add($"{id}: takes no body");
                break;
            case ({ }, 0) when bodyRequired:
                violations.Add($"{id}: the body is required");
                break;
            case ({ } schema, > 0):
                if (headers.GetValueOrDefault("Content-Type")?.StartsWith("application/json", StringComparison.Ordinal) != true)
                {
                    violations.Add($"{id}: the body is not sent as application/json");
                }

                Check(JsonNode.Parse(body), Effective(schema), id, violations, viaDiscriminator: false);
                break;
        }

        return (violations, id);
    }

    /// <summary>Every way <paramref name="instance"/> breaks schema <paramref name="schemaName"/>; empty when it conforms.</summary>
    public IReadOnlyList<string> Violations(JsonNode? instance, string schemaName)
    {
        var violations = new List<string>();
        Check(instance, Effective(_schemas[schemaName]!.AsObject()), schemaName, violations, viaDiscriminator: false);
        return violations;
    }

    /// <summary>The property names of a schema, through <c>allOf</c> and <c>$ref</c>.</summary>
    public IReadOnlySet<string> Properties(string schemaName) => Effective(_schemas[schemaName]!.AsObject()).Properties.Keys.ToHashSet();

    public IReadOnlySet<string> Required(string schemaName) => Effective(_schemas[schemaName]!.AsObject()).Required;

    public IReadOnlySet<string> Enum(string schemaName, string? property = null)
    {
        var schema = Effective(_schemas[schemaName]!.AsObject());
        return (property is null ? schema : schema.Properties[property]).Enum;
    }

    /// <summary>Every error <c>code</c> the spec's responses declare (CAMARA's <c>ErrorInfo.code</c> enums).</summary>
    public IReadOnlySet<string> ErrorCodes() =>
        (_root["components"]?["responses"]?.AsObject() ?? [])
            .SelectMany(r => r.Value?["content"]?["application/json"]?["schema"]?["allOf"]?.AsArray() ?? [])
            .SelectMany(part => part?["properties"]?["code"]?["enum"]?.AsArray() ?? [])
            .Select(code => code!.GetValue<string>())
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The values of a schema's discriminator (the CloudEvent types a spec notifies).</summary>
    public IReadOnlySet<string> DiscriminatorValues(string schemaName) =>
        Effective(_schemas[schemaName]!.AsObject()).Discriminator?.Mapping.Keys.ToHashSet(StringComparer.Ordinal) ?? [];

    /// <summary>All <c>issue</c> enum values anywhere under a schema (the 422 error catalogues).</summary>
    public IReadOnlySet<string> Issues(string schemaName) =>
        Regex.Matches(_schemas[schemaName]!.ToJsonString(), "\"issue\":\\{\"type\":\"string\",\"enum\":\\[\"([A-Z_]+)\"")
            .Select(m => m.Groups[1].Value).ToHashSet();

    private void Check(JsonNode? instance, EffectiveSchema schema, string path, List<string> violations, bool viaDiscriminator)
    {
        if (schema.Type is { } type && instance is not null && !HasType(instance, type))
        {
            violations.Add($"{path}: {instance.GetValueKind()} where the spec says {type}");
            return;
        }

        switch (instance)
        {
            case JsonObject obj when !viaDiscriminator && schema.Discriminator is { } discriminator
                && obj[discriminator.Property] is JsonValue tag && tag.TryGetValue<string>(out var chosen):
                if (discriminator.Mapping.TryGetValue(chosen, out var mapped))
                {
                    Check(obj, Effective(_schemas[mapped]!.AsObject()), path, violations, viaDiscriminator: true);
                }
                else
                {
                    violations.Add($"{path}.{discriminator.Property}: '{chosen}' is not one of {string.Join("|", discriminator.Mapping.Keys)}");
                }

                break;
            case JsonObject obj:
                foreach (var required in schema.Required.Where(r => !obj.ContainsKey(r)))
                {
                    violations.Add($"{path}: missing required '{required}'");
                }

                foreach (var (name, value) in obj)
                {
                    if (schema.Properties.TryGetValue(name, out var propertySchema))
                    {
                        Check(value, propertySchema, $"{path}.{name}", violations, viaDiscriminator: false);
                    }
                    else if (schema.Properties.Count > 0 && !schema.AdditionalProperties)
                    {
                        violations.Add($"{path}: '{name}' is not in the schema");
                    }
                }

                break;
            case JsonArray array when schema.Items is not null:
                for (var i = 0; i < array.Count; i++)
                {
                    Check(array[i], schema.Items, $"{path}[{i}]", violations, viaDiscriminator: false);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                if (schema.Enum.Count > 0 && !schema.Enum.Contains(text))
                {
                    violations.Add($"{path}: '{text}' is not one of {string.Join("|", schema.Enum)}");
                }

                if (schema.Pattern is { } pattern && !Regex.IsMatch(text, pattern))
                {
                    violations.Add($"{path}: '{text}' does not match {pattern}");
                }

                if (schema.MaxLength is { } max && text.Length > max)
                {
                    violations.Add($"{path}: longer than {max}");
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                var number = Number(value)!.Value;
                if (schema.Minimum is { } minimum && number < minimum)
                {
                    violations.Add($"{path}: {number} is below the minimum {minimum}");
                }

                if (schema.MultipleOf is { } step && number % step != 0)
                {
                    violations.Add($"{path}: {number} is not a multiple of {step}");
                }

                break;
        }
    }

    private static bool HasType(JsonNode instance, string type) => (type, instance.GetValueKind()) switch
    {
        ("object", JsonValueKind.Object) or ("array", JsonValueKind.Array) or ("string", JsonValueKind.String) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => Number(instance) % 1 == 0,
        _ => false,
    };

    /// <summary>A JSON number exactly, whether it was parsed (JSON specs) or built (YAML specs, query parameters).</summary>
    private static decimal? Number(JsonNode? node) =>
        node is null ? null : decimal.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>A query parameter's text as the JSON value its schema describes.</summary>
    private JsonNode? Typed(string text, JsonObject schema) => Effective(schema).Type switch
    {
        "integer" or "number" when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        _ => JsonValue.Create(text),
    };

    /// <summary>The operation for a method and a path relative to the base path; literal segments win over templates.</summary>
    private JsonObject? Operation(string method, string path) =>
        (_root["paths"]?.AsObject() ?? [])
            .Select(p => (Template: p.Key, Item: p.Value!.AsObject()))
            .Where(p => PathPattern(p.Template).IsMatch(path))
            .OrderBy(p => p.Template.Count(c => c == '{'))
            .Select(p => p.Item[method.ToLowerInvariant()]?.AsObject())
            .FirstOrDefault(o => o is not null);

    private static Regex PathPattern(string template) =>
        new("^" + TemplateParameter().Replace(Regex.Escape(template).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "$");

    private JsonObject Resolve(JsonObject node) =>
        node["$ref"]?.GetValue<string>() is { } reference
            ? Resolve(reference.TrimStart('#', '/').Split('/').Aggregate((JsonNode)_root, (at, part) => at[part]!).AsObject())
            : node;

    [GeneratedRegex(@"\{[^}]+}")]
    private static partial Regex TemplateParameter();

    private EffectiveSchema Effective(JsonObject schema)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            return Effective(_schemas[reference.Split('/')[^1]]!.AsObject());
        }

        var result = new EffectiveSchema();
        foreach (var part in schema["allOf"]?.AsArray() ?? [])
        {
            result.Merge(Effective(part!.AsObject()));
        }

        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            result.Properties[name] = Effective(property!.AsObject());
        }

        result.Required.UnionWith(schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []);
        result.Enum.UnionWith(schema["enum"]?.AsArray().Select(e => e!.ToString()) ?? []);
        result.Pattern ??= schema["pattern"]?.GetValue<string>();
        result.MaxLength ??= (int?)Number(schema["maxLength"]);
        result.AdditionalProperties |= schema["additionalProperties"]?.GetValueKind() == JsonValueKind.True;
        result.Type ??= schema["type"]?.GetValue<string>();
        result.Minimum ??= Number(schema["minimum"]);
        result.MultipleOf ??= Number(schema["multipleOf"]);
        if (schema["discriminator"] is JsonObject discriminator)
        {
            result.Discriminator ??= new Discriminator(
                discriminator["propertyName"]!.GetValue<string>(),
                (discriminator["mapping"]?.AsObject() ?? []).ToDictionary(m => m.Key, m => m.Value!.GetValue<string>().Split('/')[^1], StringComparer.Ordinal));
        }
        if (schema["items"] is JsonObject items)
        {
            result.Items = Effective(items);
        }

        return result;
    }

    private sealed class EffectiveSchema
    {
        public Dictionary<string, EffectiveSchema> Properties { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Required { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Enum { get; } = new(StringComparer.Ordinal);

        public string? Pattern { get; set; }

        public int? MaxLength { get; set; }

        public bool AdditionalProperties { get; set; }

        public EffectiveSchema? Items { get; set; }

        public string? Type { get; set; }

        public decimal? Minimum { get; set; }

        public decimal? MultipleOf { get; set; }

        public Discriminator? Discriminator { get; set; }

        public void Merge(EffectiveSchema other)
        {
            foreach (var (name, schema) in other.Properties)
            {
                Properties[name] = schema;
            }

            Required.UnionWith(other.Required);
            Enum.UnionWith(other.Enum);
            Pattern ??= other.Pattern;
            MaxLength ??= other.MaxLength;
            AdditionalProperties |= other.AdditionalProperties;
            Items ??= other.Items;
            Type ??= other.Type;
            Minimum ??= other.Minimum;
            MultipleOf ??= other.MultipleOf;
            Discriminator ??= other.Discriminator;
        }
    }
}

/// <summary>An OpenAPI discriminator: the property naming the subtype and the schema of each value.</summary>
internal sealed record Discriminator(string Property, IReadOnlyDictionary<string, string> Mapping);
