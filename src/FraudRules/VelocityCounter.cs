namespace PaymentCore.FraudRules;

/// <summary>
/// What a velocity attribute counts, so the host can map it to its limits-store counter
/// without parsing the attribute's name.
/// </summary>
/// <param name="Measure">What is counted or summed.</param>
/// <param name="Dimension">Whose activity: the user's, the device's, the IP address's or the instrument's.</param>
/// <param name="Window">The rolling window that ends now.</param>
public sealed record VelocityCounter(VelocityMeasure Measure, VelocityDimension Dimension, TimeSpan Window);

public enum VelocityMeasure
{
    /// <summary>Every charge attempt, whatever its outcome (declined and blocked ones too).</summary>
    Attempts,

    /// <summary>Charges that succeeded.</summary>
    Charges,

    /// <summary>The amount of the charges that succeeded, in the reference currency (major units).</summary>
    AmountUsd,

    /// <summary>Distinct payment instrument fingerprints used.</summary>
    DistinctInstruments,

    /// <summary>Charge attempts that the gateway declined.</summary>
    Declines,
}

public enum VelocityDimension
{
    User,
    Device,
    Ip,
    Instrument,
}
