using System.Collections.Frozen;

namespace PaymentCore.FraudRules.Conditions;

/// <summary><c>:attribute: in (1, 2)</c> or <c>not in</c> for a number attribute; 1 and 1.0 are the same number.</summary>
internal sealed class NumberInList(RiskAttribute attribute, IEnumerable<decimal> values, bool negated) : Condition
{
    private readonly int _attribute = attribute.Ordinal;
    private readonly FrozenSet<decimal> _values = values.ToFrozenSet();

    public override Truth Evaluate(RiskFacts facts)
    {
        ref readonly var value = ref facts.ValueAt(_attribute);
        if (value.IsMissing)
        {
            return Truth.Unknown;
        }

        return _values.Contains(value.UncheckedNumber) != negated ? Truth.True : Truth.False;
    }
}
