namespace PaymentCore.FraudRules.Parsing;

/// <summary>A token of one line, with the 1-based column where it starts.</summary>
/// <param name="Text">As written, quotes and colons included; used in error messages.</param>
/// <param name="StringValue">A string's content, with <c>''</c> unescaped to <c>'</c>.</param>
/// <param name="NumberValue">A number's value.</param>
internal readonly record struct Token(TokenKind Kind, int Column, string Text, string? StringValue = null, decimal NumberValue = 0)
{
    /// <summary>An attribute's name without its colons.</summary>
    public string AttributeName => Text[1..^1];

    public bool IsKeyword(string keyword) => Kind == TokenKind.Word && Text.Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>How error messages name what was found.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of line",
        TokenKind.String => $"the string {Text}",
        TokenKind.Number => $"the number {Text}",
        TokenKind.Attribute => Text,
        _ => $"'{Text}'",
    };
}
