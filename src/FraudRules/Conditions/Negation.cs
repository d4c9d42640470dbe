namespace PaymentCore.FraudRules.Conditions;

/// <summary><c>not a</c>; unknown stays unknown, so <c>not</c> cannot turn a missing fact into a match.</summary>
internal sealed class Negation(Condition operand) : Condition
{
    public override Truth Evaluate(RiskFacts facts) => operand.Evaluate(facts) switch
    {
        Truth.True => Truth.False,
        Truth.False => Truth.True,
        _ => Truth.Unknown,
    };
}
