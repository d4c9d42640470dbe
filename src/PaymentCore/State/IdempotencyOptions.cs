using System.ComponentModel.DataAnnotations;

namespace PaymentCore.State;

/// <summary>Section "Idempotency".</summary>
public sealed class IdempotencyOptions
{
    /// <summary>How long keys and saved responses are kept; at least 24 hours by design.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "30.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long an unfinished request owns its key. Longer than the slowest gateway call, so a
    /// live request is never resumed by a retry; after a crash, the retry waits this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
}
