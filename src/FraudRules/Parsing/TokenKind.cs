namespace PaymentCore.FraudRules.Parsing;

internal enum TokenKind
{
    /// <summary>A word: a rule id or a keyword (allow, if, and, in, …).</summary>
    Word,

    /// <summary><c>:name:</c></summary>
    Attribute,

    Number,
    String,
    Colon,
    Comma,
    LeftParen,
    RightParen,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,

    /// <summary>The end of the line, or a <c>#</c> comment that runs to it.</summary>
    End,
}
