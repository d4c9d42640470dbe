namespace PaymentCore.Telemetry;

/// <summary>Section "Telemetry".</summary>
public sealed class TelemetryOptions
{
    /// <summary>OTLP endpoint (e.g. http://otel-collector:4317) traces are exported to; unset = traces only feed the trace ids in logs.</summary>
    public Uri? OtlpEndpoint { get; set; }
}
