namespace PaymentCore.FraudRules.Conditions;

/// <summary><c>a or b or …</c>: true if any is true, else unknown if any is unknown, else false.</summary>
internal sealed class AnyOf(Condition[] operands) : Condition
{
    public override Truth Evaluate(RiskFacts facts)
    {
        var result = Truth.False;
        foreach (var operand in operands)
        {
            switch (operand.Evaluate(facts))
            {
                case Truth.True:
                    return Truth.True;
                case Truth.Unknown:
                    result = Truth.Unknown;
                    break;
            }
        }

        return result;
    }
}
