using System.Diagnostics;
using OpenTelemetry;

namespace PaymentCore.Telemetry;

/// <summary>
/// Masks sensitive text in span tags and status descriptions before a span is exported, with the
/// same rules as the logs (<see cref="SensitiveText"/>). Exception events are not recorded at all
/// (see <see cref="TelemetryServiceCollectionExtensions"/>), since their messages can quote input.
/// </summary>
public sealed class RedactingActivityProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        foreach (var (key, value) in data.TagObjects.ToList())
        {
            if (value is string text && SensitiveText.Redact(text) is var redacted && redacted != text)
            {
                data.SetTag(key, redacted);
            }
        }

        if (data.StatusDescription is { } description)
        {
            data.SetStatus(data.Status, SensitiveText.Redact(description));
        }
    }
}
