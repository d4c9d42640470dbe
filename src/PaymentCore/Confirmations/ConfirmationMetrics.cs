using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace PaymentCore.Confirmations;

/// <summary>Delivery metrics of meter "PaymentCore": deliveries, failures, dead letters, and per-wallet backlog.</summary>
public sealed class ConfirmationMetrics : IDisposable
{
    private readonly Meter _meter = new("PaymentCore");
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _deadLettered;
    private readonly ConcurrentDictionary<string, (long Backlog, long DeadLetters)> _levels = new(StringComparer.Ordinal);

    public ConfirmationMetrics()
    {
        _delivered = _meter.CreateCounter<long>("paymentcore.outbox.delivered", description: "Events a wallet applied.");
        _failed = _meter.CreateCounter<long>("paymentcore.outbox.delivery_failures", description: "Deliveries a wallet refused or missed.");
        _deadLettered = _meter.CreateCounter<long>("paymentcore.outbox.dead_lettered", description: "Events moved to the dead letters.");
        _meter.CreateObservableGauge("paymentcore.outbox.backlog",
            () => _levels.Select(l => new Measurement<long>(l.Value.Backlog, new KeyValuePair<string, object?>("wallet", l.Key))),
            description: "Events waiting for a wallet (the outbox lag).");
        _meter.CreateObservableGauge("paymentcore.outbox.dead_letters",
            () => _levels.Select(l => new Measurement<long>(l.Value.DeadLetters, new KeyValuePair<string, object?>("wallet", l.Key))),
            description: "Dead letters waiting for a replay.");
    }

    public void Delivered(string wallet) => _delivered.Add(1, new KeyValuePair<string, object?>("wallet", wallet));

    public void DeliveryFailed(string wallet) => _failed.Add(1, new KeyValuePair<string, object?>("wallet", wallet));

    public void DeadLettered(string wallet) => _deadLettered.Add(1, new KeyValuePair<string, object?>("wallet", wallet));

    public void Levels(string wallet, long backlog, long deadLetters)
    {
        if (_levels.TryAdd(wallet, (backlog, deadLetters)))
        {
            // A wallet's counters exported at 0 from its first pass, so rate() and alerts see the
            // series before the first failure or dead letter.
            _delivered.Add(0, new KeyValuePair<string, object?>("wallet", wallet));
            _failed.Add(0, new KeyValuePair<string, object?>("wallet", wallet));
            _deadLettered.Add(0, new KeyValuePair<string, object?>("wallet", wallet));
        }

        _levels[wallet] = (backlog, deadLetters);
    }

    public void Dispose() => _meter.Dispose();
}
