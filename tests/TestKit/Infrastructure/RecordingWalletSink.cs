using System.Collections.Concurrent;
using PaymentCore.Confirmations;
using PaymentCore.Recharges;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>A wallet sink that keeps what it was given, to check exactly-once crediting.</summary>
public sealed class RecordingWalletSink : IWalletSink
{
    private readonly ConcurrentQueue<OutboxEvent> _received = new();

    public string Name => "recording";

    public IReadOnlyCollection<OutboxEvent> Received => _received;

    public Task ApplyAsync(OutboxEvent confirmation, CancellationToken cancellationToken)
    {
        _received.Enqueue(confirmation);
        return Task.CompletedTask;
    }

    public IReadOnlyList<OutboxEvent> For(string rechargeId) => _received.Where(e => e.RechargeId == rechargeId).ToList();

    /// <summary>Waits until <paramref name="predicate"/> holds for the events received, or fails after a timeout.</summary>
    public async Task<IReadOnlyList<OutboxEvent>> WaitForAsync(Func<IReadOnlyCollection<OutboxEvent>, bool> predicate, TimeSpan? timeout = null)
    {
        await Eventually.TrueAsync(() => predicate(_received), timeout, $"wallet sink condition not met; received {_received.Count} events so far");
        return _received.ToList();
    }
}
