namespace PaymentCore.FraudRules;

/// <summary>
/// A fact that rules can read, written <c>:name:</c> in a rule. Instances exist only in
/// <see cref="RiskAttributes"/>, which gives each a slot so facts are read by index, not by name.
/// </summary>
public sealed class RiskAttribute
{
    internal RiskAttribute(int ordinal, string name, AttributeType type, VelocityCounter? velocity, IReadOnlyList<string>? allowedValues, bool isAmount)
    {
        Ordinal = ordinal;
        Name = name;
        Type = type;
        Velocity = velocity;
        AllowedValues = allowedValues;
        IsAmount = isAmount;
    }

    public string Name { get; }

    public AttributeType Type { get; }

    /// <summary>The counter behind a velocity attribute; null for an attribute of the request.</summary>
    public VelocityCounter? Velocity { get; }

    /// <summary>
    /// For a string attribute with a closed set of values the language defines (e.g.
    /// <c>verification_level</c>): those values. A rule comparing it with any other string is a parse
    /// error, so a typo cannot silently never match. Sets only the host knows (<c>payment_method</c>)
    /// come from the <see cref="RuleVocabulary"/> the rules are parsed with.
    /// </summary>
    public IReadOnlyList<string>? AllowedValues { get; }

    /// <summary>
    /// An amount in the reference currency: rules may compare it only with numbers of at most
    /// <see cref="RiskAttributes.ReferenceCurrencyDecimals"/> decimals, i.e. whole minor units.
    /// </summary>
    public bool IsAmount { get; }

    internal int Ordinal { get; }

    public override string ToString() => $":{Name}:";
}
