using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace PaymentCore.Telemetry;

/// <summary>
/// The only log format: one JSON object per line with timestamp, level, category, message,
/// structured fields, scopes, exception, and the trace and span id of the current activity.
/// Every text that goes out passes <see cref="SensitiveText.Redact"/> first, fields included,
/// so a value that slipped into a log call is still masked.
/// </summary>
public sealed class RedactingJsonConsoleFormatter(IOptionsMonitor<ConsoleFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "paymentcore-json";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.Exception is null && string.IsNullOrEmpty(message))
        {
            return;
        }

        var settings = options.CurrentValue;
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString(settings.TimestampFormat ?? "O", CultureInfo.InvariantCulture));
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            json.WriteNumber("eventId", logEntry.EventId.Id);
            json.WriteString("message", SensitiveText.Redact(message));
            if (Activity.Current is { } activity)
            {
                json.WriteString("traceId", activity.TraceId.ToHexString());
                json.WriteString("spanId", activity.SpanId.ToHexString());
            }

            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception", SensitiveText.Redact(exception.ToString()));
            }

            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                WriteFields(json, "fields", fields);
            }

            if (settings.IncludeScopes && scopeProvider is not null)
            {
                WriteScopes(json, scopeProvider);
            }

            json.WriteEndObject();
        }

        textWriter.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    private static void WriteScopes(Utf8JsonWriter json, IExternalScopeProvider scopeProvider)
    {
        json.WriteStartArray("scopes");
        scopeProvider.ForEachScope(
            static (scope, writer) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    WriteFields(writer, name: null, pairs);
                }
                else if (scope is not null)
                {
                    writer.WriteStringValue(SensitiveText.Redact(Convert.ToString(scope, CultureInfo.InvariantCulture) ?? string.Empty));
                }
            },
            json);
        json.WriteEndArray();
    }

    private static void WriteFields(Utf8JsonWriter json, string? name, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        if (name is null)
        {
            json.WriteStartObject();
        }
        else
        {
            json.WriteStartObject(name);
        }

        foreach (var (key, value) in fields)
        {
            // The message template is already written as the message; it carries no data.
            if (key == "{OriginalFormat}")
            {
                continue;
            }

            switch (value)
            {
                case null:
                    json.WriteNull(key);
                    break;
                case bool flag:
                    json.WriteBoolean(key, flag);
                    break;
                case int or long or short or byte:
                    json.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case double number when double.IsFinite(number):
                    json.WriteNumber(key, number);
                    break;
                default:
                    json.WriteString(key, SensitiveText.Redact(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
                    break;
            }
        }

        json.WriteEndObject();
    }
}
