namespace PaymentCore.FraudRules;

/// <summary>
/// The values the host gives attributes whose closed set it alone knows: the names of the payment
/// methods it takes, for <c>:payment_method:</c>. A rule comparing such an attribute with any other
/// string is a parse error, as for the closed sets of the language itself (<see cref="RiskAttribute.AllowedValues"/>).
/// </summary>
public sealed class RuleVocabulary
{
    private readonly IReadOnlyList<string>? _paymentMethods;

    public RuleVocabulary(IEnumerable<string> paymentMethods) => _paymentMethods = paymentMethods.ToList().AsReadOnly();

    private RuleVocabulary() => _paymentMethods = null;

    /// <summary>No values from a host: <c>:payment_method:</c> may be compared with any string. For the language's own tests and tools.</summary>
    public static RuleVocabulary Open { get; } = new();

    /// <summary>The strings a rule may compare <paramref name="attribute"/> with, or null when any string will do.</summary>
    public IReadOnlyList<string>? AllowedValuesOf(RiskAttribute attribute) =>
        attribute == RiskAttributes.PaymentMethod ? _paymentMethods : attribute.AllowedValues;
}
