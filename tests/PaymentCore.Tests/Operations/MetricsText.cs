using System.Text;
using System.Text.RegularExpressions;

namespace PaymentCore.Tests.Operations;

/// <summary>A scrape of /metrics (Prometheus text format), split into metric families.</summary>
public sealed partial class MetricsText
{
    private readonly List<(string Family, string Line)> _lines = [];

    public MetricsText(string text)
    {
        var family = string.Empty;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (CommentOf().Match(line) is { Success: true } comment)
            {
                family = comment.Groups["name"].Value;
            }

            _lines.Add((family, line));
        }
    }

    /// <summary>The names of the samples, e.g. "paymentcore_gateway_duration_seconds_bucket".</summary>
    public IReadOnlySet<string> SampleNames =>
        _lines.Where(l => !l.Line.StartsWith('#')).Select(l => SampleNameOf().Match(l.Line).Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The text without the families any of whose samples came from the meter <paramref name="scope"/>.</summary>
    public string WithoutScope(string scope)
    {
        var label = $"otel_scope_name=\"{scope}\"";
        var dropped = _lines.Where(l => l.Line.Contains(label, StringComparison.Ordinal)).Select(l => l.Family).ToHashSet(StringComparer.Ordinal);
        var kept = new StringBuilder();
        foreach (var (family, line) in _lines.Where(l => !dropped.Contains(l.Family)))
        {
            kept.Append(line).Append('\n');
        }

        return kept.ToString();
    }

    [GeneratedRegex("^# (TYPE|HELP|UNIT) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)")]
    private static partial Regex CommentOf();

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex SampleNameOf();
}
