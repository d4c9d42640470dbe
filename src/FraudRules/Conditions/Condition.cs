namespace PaymentCore.FraudRules.Conditions;

/// <summary>
/// A parsed, type-checked condition, ready to evaluate: attribute slots are resolved and
/// constants converted at parse time, so evaluation neither looks up names nor allocates.
/// </summary>
internal abstract class Condition
{
    public abstract Truth Evaluate(RiskFacts facts);
}
