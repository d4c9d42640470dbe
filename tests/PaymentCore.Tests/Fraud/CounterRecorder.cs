using System.Diagnostics.Metrics;

namespace PaymentCore.Tests.Fraud;

/// <summary>
/// Sums one counter of the meters a given factory created, with the tags of each measurement;
/// meters of other factories (other tests running in parallel) are ignored.
/// </summary>
public sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(long Value, Dictionary<string, object?> Tags)> _measurements = [];

    public CounterRecorder(IMeterFactory factory, string meterName, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == meterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (_measurements)
            {
                _measurements.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<(long Value, Dictionary<string, object?> Tags)> Measurements
    {
        get
        {
            lock (_measurements)
            {
                return _measurements.ToList();
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
