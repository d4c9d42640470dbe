using System.Globalization;

namespace PaymentCore.FraudRules;

/// <summary>
/// The value of one fact: a number, a string, a boolean, or missing (the default). Numbers are
/// decimals, so amounts compare exactly; strings compare ignoring ASCII case ('us' = 'US').
/// </summary>
public readonly struct RiskValue
{
    private readonly decimal _number;
    private readonly string? _text;
    private readonly bool _boolean;

    private RiskValue(AttributeType type, decimal number, string? text, bool boolean)
    {
        Type = type;
        _number = number;
        _text = text;
        _boolean = boolean;
    }

    /// <summary>A fact the host does not know; see <see cref="RiskFacts"/> for how rules treat it.</summary>
    public static RiskValue Missing => default;

    /// <summary>The type of the value; null when it is missing.</summary>
    public AttributeType? Type { get; }

    public bool IsMissing => Type is null;

    public decimal Number => Type == AttributeType.Number ? _number : throw NotA(AttributeType.Number);

    public string Text => Type == AttributeType.String ? _text! : throw NotA(AttributeType.String);

    public bool Boolean => Type == AttributeType.Boolean ? _boolean : throw NotA(AttributeType.Boolean);

    public static implicit operator RiskValue(decimal number) => new(AttributeType.Number, number, null, false);

    /// <summary>A null string is a missing value, so an unknown country can be assigned as it is.</summary>
    public static implicit operator RiskValue(string? text) => text is null ? Missing : new(AttributeType.String, 0, text, false);

    public static implicit operator RiskValue(bool boolean) => new(AttributeType.Boolean, 0, null, boolean);

    /// <summary>
    /// An amount in the reference currency (USD) from whole cents (1234 → 12.34), the exact form
    /// the host keeps money in; no floating point on the way.
    /// </summary>
    public static RiskValue FromUsdCents(long cents)
    {
        // The decimal is built from its integer and scale, so every long converts exactly.
        var magnitude = cents < 0 ? (ulong)-(cents + 1) + 1 : (ulong)cents;
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, cents < 0, RiskAttributes.ReferenceCurrencyDecimals);
    }

    /// <summary>Orders two present values of the same type; the parser guarantees the types match.</summary>
    internal static int Compare(in RiskValue left, in RiskValue right) => left.Type switch
    {
        AttributeType.Number => left._number.CompareTo(right._number),
        AttributeType.String => string.Compare(left._text, right._text, StringComparison.OrdinalIgnoreCase),
        _ => left._boolean.CompareTo(right._boolean),
    };

    internal decimal UncheckedNumber => _number;

    internal string UncheckedText => _text!;

    public override string ToString() => Type switch
    {
        null => "missing",
        AttributeType.Number => _number.ToString(CultureInfo.InvariantCulture),
        AttributeType.String => $"'{_text}'",
        _ => _boolean ? "true" : "false",
    };

    private InvalidOperationException NotA(AttributeType wanted) =>
        new($"The value is {(IsMissing ? "missing" : $"a {Type}")}, not a {wanted}.");
}
