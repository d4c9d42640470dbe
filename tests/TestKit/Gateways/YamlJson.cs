using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PaymentCore.Adapters.Tests.Infrastructure;

/// <summary>
/// Reads a YAML document (CAMARA publishes its OpenAPI specs as YAML) as the JSON it denotes, so the
/// same checker serves JSON and YAML specs. Plain scalars become numbers, booleans and nulls as
/// YAML 1.2's core schema reads them; quoted scalars stay strings.
/// </summary>
public static class YamlJson
{
    public static JsonNode Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return Convert(stream.Documents[0].RootNode) ?? throw new InvalidDataException(path + " is empty");
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? string.Empty, Convert(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } plain => Plain(plain.Value),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidDataException($"Unsupported YAML node {node.NodeType} at {node.Start}"),
    };

    private static JsonNode? Plain(string? text) => text switch
    {
        null or "" or "~" or "null" => null,
        "true" => JsonValue.Create(true),
        "false" => JsonValue.Create(false),
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
        _ when decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        _ => JsonValue.Create(text),
    };
}
