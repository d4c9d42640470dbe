namespace PaymentCore.FraudRules.Conditions;

/// <summary>
/// <c>:attribute: op value</c>, where the value is a constant or another attribute of the same
/// type (the parser checks both, and that ordering operators are applied to numbers only).
/// </summary>
internal sealed class Comparison : Condition
{
    private const int NoAttribute = -1;

    private readonly int _left;
    private readonly ComparisonOperator _operator;
    private readonly int _rightAttribute;
    private readonly RiskValue _constant;

    public Comparison(RiskAttribute left, ComparisonOperator op, RiskValue constant)
    {
        _left = left.Ordinal;
        _operator = op;
        _rightAttribute = NoAttribute;
        _constant = constant;
    }

    public Comparison(RiskAttribute left, ComparisonOperator op, RiskAttribute right)
    {
        _left = left.Ordinal;
        _operator = op;
        _rightAttribute = right.Ordinal;
    }

    public override Truth Evaluate(RiskFacts facts)
    {
        ref readonly var left = ref facts.ValueAt(_left);
        ref readonly var right = ref _rightAttribute == NoAttribute ? ref _constant : ref facts.ValueAt(_rightAttribute);
        if (left.IsMissing || right.IsMissing)
        {
            return Truth.Unknown;
        }

        var order = RiskValue.Compare(left, right);
        var holds = _operator switch
        {
            ComparisonOperator.Equal => order == 0,
            ComparisonOperator.NotEqual => order != 0,
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            ComparisonOperator.Greater => order > 0,
            _ => order >= 0,
        };
        return holds ? Truth.True : Truth.False;
    }
}
