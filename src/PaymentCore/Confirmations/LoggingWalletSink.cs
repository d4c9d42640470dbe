using PaymentCore.Adapters;
using PaymentCore.Recharges;

namespace PaymentCore.Confirmations;

/// <summary>The default sink when no wallet endpoint is configured: one structured log line per event.</summary>
public sealed partial class LoggingWalletSink(ILogger<LoggingWalletSink> logger) : IWalletSink
{
    public string Name => "log";

    public Task ApplyAsync(OutboxEvent confirmation, CancellationToken cancellationToken)
    {
        LogConfirmation(confirmation.EventId, confirmation.Type, confirmation.UserId, confirmation.Coins, confirmation.Amount, confirmation.Livemode);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Wallet confirmation {EventId}: {Type} {Coins} coins for user {UserId} ({Amount}, livemode {Livemode})")]
    private partial void LogConfirmation(string eventId, CoinEventType type, string userId, long coins, Money amount, bool livemode);
}
