using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PaymentCore.LoadGen;

/// <summary>A run's results as a table row (with its header) and as JSON.</summary>
public static class ResultReport
{
    public const string Header = "run                       rps   p50 ms   p90 ms   p99 ms   max ms   requests   errors  outcomes";

    public static string Row(RunResult result) => string.Create(CultureInfo.InvariantCulture,
        $"{result.Name,-20} {result.Throughput,8:F0} {result.P50,8:F2} {result.P90,8:F2} {result.P99,8:F2} {result.Max,8:F2} {result.Requests,10} {result.Errors,8}  {string.Join(' ', result.Outcomes.Select(o => $"{o.Key}={o.Value}"))}");

    public static void WriteJson(RunResult result, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(result, ResultJson.Default.RunResult) + "\n");
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RunResult))]
internal sealed partial class ResultJson : JsonSerializerContext;
