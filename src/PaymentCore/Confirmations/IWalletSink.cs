namespace PaymentCore.Confirmations;

/// <summary>
/// Where confirmed coin movements go. Delivery is at least once: a sink must treat an
/// event id it has seen as already applied. Throwing means "not applied, try again later".
/// </summary>
public interface IWalletSink
{
    Task ApplyAsync(OutboxEvent confirmation, CancellationToken cancellationToken);
}
