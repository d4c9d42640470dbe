namespace PaymentCore.FraudRules;

/// <summary>
/// What a velocity attribute counts, so the host can map it to its limits-store counter
/// without parsing the attribute's name.
/// </summary>
/// <param name="Measure">What is counted or summed.</param>
/// <param name="Dimension">Whose activity: the user's, the device's, the IP address's or the instrument's.</param>
/// <param name="Window">The rolling window that ends now.</param>
public sealed record VelocityCounter(VelocityMeasure Measure, VelocityDimension Dimension, TimeSpan Window);

/// <summary>
/// What a velocity attribute counts. Every measure is over the charge attempts made in the window
/// before the one being screened (that one is never in it), so that
/// <c>attempts = charges + declines + other failures</c> in any window.
/// </summary>
public enum VelocityMeasure
{
    /// <summary>
    /// Every charge attempt, whatever became of it: succeeded, in flight, declined, blocked by a rule,
    /// gateway not reached. An attempt refused by a velocity limit, or an idempotent replay, is none.
    /// </summary>
    Attempts,

    /// <summary>
    /// Attempts whose payment has not failed: succeeded, or still in flight (awaiting 3-D Secure or the
    /// payer, outcome unknown). In-flight ones count because they may yet take money: a burst of
    /// concurrent attempts must not slip under a rule before they settle. Refunds do not undo a charge.
    /// </summary>
    Charges,

    /// <summary>The amount of the <see cref="Charges"/>, in the reference currency (major units).</summary>
    AmountUsd,

    /// <summary>
    /// Distinct payment instruments among the attempts, whatever became of them (a declined card was
    /// still tried); attempts whose instrument is only known after the payer acts (PayPal, local wallets) add none.
    /// </summary>
    DistinctInstruments,

    /// <summary>
    /// Attempts the gateway declined (its answer, a webhook or a status lookup said the payment failed).
    /// Failures without a gateway's verdict are not declines: blocked by a rule (so a block rule cannot
    /// feed itself), gateway not reached, 3-D Secure or payer approval never completed.
    /// </summary>
    Declines,
}

public enum VelocityDimension
{
    User,
    Device,
    Ip,
    Instrument,
}
