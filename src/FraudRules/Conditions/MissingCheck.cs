namespace PaymentCore.FraudRules.Conditions;

/// <summary><c>:attribute: is missing</c> or <c>is not missing</c>: the one test that is never unknown.</summary>
internal sealed class MissingCheck(RiskAttribute attribute, bool expectMissing) : Condition
{
    private readonly int _attribute = attribute.Ordinal;

    public override Truth Evaluate(RiskFacts facts) =>
        facts.ValueAt(_attribute).IsMissing == expectMissing ? Truth.True : Truth.False;
}
