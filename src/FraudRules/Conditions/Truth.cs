namespace PaymentCore.FraudRules.Conditions;

/// <summary>Three-valued logic: a condition that reads a missing fact is unknown (see <see cref="RiskFacts"/>).</summary>
internal enum Truth : byte
{
    False,
    True,
    Unknown,
}
