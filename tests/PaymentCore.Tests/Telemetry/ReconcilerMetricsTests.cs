using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Telemetry;

namespace PaymentCore.Tests.Telemetry;

/// <summary>The reconciler's backlog gauges summarize what its last completed pass left unsettled.</summary>
public sealed class ReconcilerMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ReconcilerMetrics _metrics;

    public ReconcilerMetricsTests() => _metrics = new ReconcilerMetrics(_services.GetRequiredService<IMeterFactory>());

    [Fact]
    public void BeforeAnyPass_EveryUnsettledStatusReportsZero()
    {
        var gauges = Observe();

        Assert.Equal(0, gauges[("paymentcore.reconciler.backlog", "UNKNOWN")]);
        Assert.Equal(0, gauges[("paymentcore.reconciler.backlog", "REQUIRES_ACTION")]);
        Assert.Equal(0, gauges[("paymentcore.reconciler.backlog", "PROCESSING")]);
        Assert.Equal(0, gauges[("paymentcore.reconciler.oldest_age", "UNKNOWN")]);
    }

    [Fact]
    public void APass_CountsWhatItLeft_AndTheOldestAgePerStatus()
    {
        _metrics.PassCompleted([("UNKNOWN", TimeSpan.FromMinutes(3)), ("UNKNOWN", TimeSpan.FromMinutes(40)), ("REQUIRES_ACTION", TimeSpan.FromSeconds(5))]);

        var gauges = Observe();

        Assert.Equal(2, gauges[("paymentcore.reconciler.backlog", "UNKNOWN")]);
        Assert.Equal(2400, gauges[("paymentcore.reconciler.oldest_age", "UNKNOWN")]);
        Assert.Equal(1, gauges[("paymentcore.reconciler.backlog", "REQUIRES_ACTION")]);
        Assert.Equal(5, gauges[("paymentcore.reconciler.oldest_age", "REQUIRES_ACTION")]);
        Assert.Equal(0, gauges[("paymentcore.reconciler.backlog", "PROCESSING")]);
    }

    [Fact]
    public void ALaterPass_ReplacesTheBacklog_AndAFailedOneKeepsIt()
    {
        _metrics.PassCompleted([("UNKNOWN", TimeSpan.FromMinutes(40))]);
        _metrics.PassCompleted([("PROCESSING", TimeSpan.FromMinutes(3))]);
        _metrics.PassFailed();

        var gauges = Observe();

        Assert.Equal(0, gauges[("paymentcore.reconciler.backlog", "UNKNOWN")]);
        Assert.Equal(0, gauges[("paymentcore.reconciler.oldest_age", "UNKNOWN")]);
        Assert.Equal(1, gauges[("paymentcore.reconciler.backlog", "PROCESSING")]);
    }

    public void Dispose() => _services.Dispose();

    /// <summary>The gauges of this instance's meter, by instrument and status.</summary>
    private Dictionary<(string Instrument, string Status), double> Observe()
    {
        var seen = new Dictionary<(string, string), double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == _services.GetRequiredService<IMeterFactory>() && instrument.Name.StartsWith("paymentcore.reconciler.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => seen[(instrument.Name, StatusOf(tags))] = value);
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => seen[(instrument.Name, StatusOf(tags))] = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }

    private static string StatusOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "status")
            {
                return (string)tag.Value!;
            }
        }

        return string.Empty;
    }
}
