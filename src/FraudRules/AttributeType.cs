namespace PaymentCore.FraudRules;

/// <summary>The type of an attribute's value; the parser checks every comparison against it.</summary>
public enum AttributeType : byte
{
    Number,
    String,
    Boolean,
}
