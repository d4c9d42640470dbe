namespace PaymentCore.FraudRules;

/// <summary>
/// The facts about one charge that rules are evaluated against: a value per attribute, set by
/// name (<c>facts["ip_country"] = "DE"</c>) or by attribute. An attribute never set is missing.
/// <para>
/// Missing values follow three-valued logic, as SQL's NULL does: a comparison, <c>in</c> or
/// <c>not in</c> with a missing value is neither true nor false but unknown; <c>not</c> of unknown is
/// unknown; <c>false and unknown</c> is false and <c>true or unknown</c> is true. A rule fires only
/// when its condition is true, so a missing fact never makes a rule fire by itself — not even
/// through <c>!=</c> or <c>not</c>. Rules test for absence explicitly with <c>:x: is missing</c>.
/// </para>
/// </summary>
public sealed class RiskFacts
{
    private readonly RiskValue[] _values = new RiskValue[RiskAttributes.All.Count];

    public RiskValue this[string attribute]
    {
        get => this[RiskAttributes.Find(attribute)];
        set => this[RiskAttributes.Find(attribute)] = value;
    }

    /// <summary>Setting a value of another type than the attribute's is a bug in the caller and throws.</summary>
    public RiskValue this[RiskAttribute attribute]
    {
        get => _values[attribute.Ordinal];
        set
        {
            if (!value.IsMissing && value.Type != attribute.Type)
            {
                throw new ArgumentException($"{attribute} is a {attribute.Type}; cannot set it to the {value.Type} {value}.", nameof(value));
            }

            _values[attribute.Ordinal] = value;
        }
    }

    /// <summary>Every attribute missing again, so that a caller can reuse one instance for charge after charge.</summary>
    public void Clear() => Array.Clear(_values);

    internal ref readonly RiskValue ValueAt(int ordinal) => ref _values[ordinal];
}
