using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PaymentCore.Adapters.Tests.Infrastructure;

namespace PaymentCore.Adapters.Tests.PayPal;

/// <summary>
/// Just enough of an OpenAPI 3 schema checker to hold JSON against PayPal's published specs:
/// <c>$ref</c>, <c>allOf</c>, properties, required, enum, pattern, maxLength, arrays.
/// </summary>
public sealed class OpenApiSpec
{
    private readonly JsonObject _schemas;

    private OpenApiSpec(JsonNode root) => _schemas = root["components"]!["schemas"]!.AsObject();

    public static OpenApiSpec CheckoutOrders { get; } = new(SharedData.Json("paypal/checkout_orders_v2.json"));

    public static OpenApiSpec Payments { get; } = new(SharedData.Json("paypal/payments_payment_v2.json"));

    public static OpenApiSpec Notifications { get; } = new(SharedData.Json("paypal/notifications_webhooks_v1.json"));

    /// <summary>Every way <paramref name="instance"/> breaks schema <paramref name="schemaName"/>; empty when it conforms.</summary>
    public IReadOnlyList<string> Violations(JsonNode? instance, string schemaName)
    {
        var violations = new List<string>();
        Check(instance, Effective(_schemas[schemaName]!.AsObject()), schemaName, violations);
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

    /// <summary>All <c>issue</c> enum values anywhere under a schema (the 422 error catalogues).</summary>
    public IReadOnlySet<string> Issues(string schemaName) =>
        Regex.Matches(_schemas[schemaName]!.ToJsonString(), "\"issue\":\\{\"type\":\"string\",\"enum\":\\[\"([A-Z_]+)\"")
            .Select(m => m.Groups[1].Value).ToHashSet();

    private void Check(JsonNode? instance, EffectiveSchema schema, string path, List<string> violations)
    {
        switch (instance)
        {
            case JsonObject obj:
                foreach (var required in schema.Required.Where(r => !obj.ContainsKey(r)))
                {
                    violations.Add($"{path}: missing required '{required}'");
                }

                foreach (var (name, value) in obj)
                {
                    if (schema.Properties.TryGetValue(name, out var propertySchema))
                    {
                        Check(value, propertySchema, $"{path}.{name}", violations);
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
                    Check(array[i], schema.Items, $"{path}[{i}]", violations);
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
        }
    }

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
        result.MaxLength ??= schema["maxLength"]?.GetValue<int>();
        result.AdditionalProperties |= schema["additionalProperties"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
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
        }
    }
}
