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
        // The tags cannot change while they are enumerated: the few that need masking are set after.
        List<KeyValuePair<string, string>>? masked = null;
        foreach (var (key, value) in data.TagObjects)
        {
            if (value is string text && SensitiveText.Redact(text) is var redacted && redacted != text)
            {
                (masked ??= []).Add(new(key, redacted));
            }
        }

        foreach (var (key, redacted) in masked ?? [])
        {
            data.SetTag(key, redacted);
        }

        if (data.StatusDescription is { } description)
        {
            data.SetStatus(data.Status, SensitiveText.Redact(description));
        }
    }
}
