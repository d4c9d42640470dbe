namespace PaymentCore.FraudRules.Conditions;

/// <summary><c>a and b and …</c>: false if any is false, else unknown if any is unknown, else true.</summary>
internal sealed class AllOf(Condition[] operands) : Condition
{
    public override Truth Evaluate(RiskFacts facts)
    {
        var result = Truth.True;
        foreach (var operand in operands)
        {
            switch (operand.Evaluate(facts))
            {
                case Truth.False:
                    return Truth.False;
                case Truth.Unknown:
                    result = Truth.Unknown;
                    break;
            }
        }

        return result;
    }
}
