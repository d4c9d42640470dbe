using PaymentCore.Recharges;

namespace PaymentCore.Confirmations;

/// <summary>
/// One place confirmed coin movements go. Delivery is at least once: a sink must treat an event
/// id it has seen as already applied. Throwing means "not applied, try again later".
/// </summary>
public interface IWalletSink
{
    /// <summary>Stable name; the outbox keeps each wallet's progress under it.</summary>
    string Name { get; }

    Task ApplyAsync(OutboxEvent confirmation, CancellationToken cancellationToken);
}
