using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace PaymentCore.Confirmations;

/// <summary>Section "Wallets": where confirmations go and how hard delivery tries.</summary>
[SuppressMessage("Design", "CA2227", Justification = "Bound from configuration.")]
public sealed class WalletOptions
{
    /// <summary>gRPC URLs of wallet services (WalletConfirmationService); none = the logging sink.</summary>
    public List<string> Endpoints { get; set; } = [];

    /// <summary>
    /// Failed deliveries of one event before it moves to the dead letters. With the default backoff
    /// (200 ms doubling up to a minute) 20 attempts ride out about a quarter of an hour of wallet outage.
    /// </summary>
    [Range(1, 100000)]
    public int MaxAttempts { get; set; } = 20;

    /// <summary>First retry delay; doubles per failure, with jitter, up to <see cref="RetryMax"/>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan RetryMax { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an event may sit with a replica that took it before another replica claims it.</summary>
    public TimeSpan ClaimAbandonedAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deadline of one ApplyRechargeEvent call.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Events read per shard and pass.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;
}
