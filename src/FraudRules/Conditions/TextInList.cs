using System.Collections.Frozen;

namespace PaymentCore.FraudRules.Conditions;

/// <summary><c>:attribute: in ('A', 'B')</c> or <c>not in</c> for a string attribute, ignoring ASCII case.</summary>
internal sealed class TextInList(RiskAttribute attribute, IEnumerable<string> values, bool negated) : Condition
{
    private readonly int _attribute = attribute.Ordinal;
    private readonly FrozenSet<string> _values = values.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public override Truth Evaluate(RiskFacts facts)
    {
        ref readonly var value = ref facts.ValueAt(_attribute);
        if (value.IsMissing)
        {
            return Truth.Unknown;
        }

        return _values.Contains(value.UncheckedText) != negated ? Truth.True : Truth.False;
    }
}
