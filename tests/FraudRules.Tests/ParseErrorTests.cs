namespace PaymentCore.FraudRules.Tests;

/// <summary>
/// Every way a rule can be rejected, each with the line and column it names. The faulty rule is
/// always the third line, after a comment and a valid rule, so line numbers are checked too.
/// </summary>
public sealed class ParseErrorTests
{
    private const string FirstTwoLines = "# screening rules\nfirst: review if :amount_usd: > 1\n";

    /// <summary>The payment methods a host (PaymentCore) takes; the closed set of :payment_method:.</summary>
    private static readonly RuleVocabulary HostMethods = new(paymentMethods: ["sandbox", "card", "paypal", "voucher", "alipay", "wechat_pay"]);

    [Theory]
    [InlineData("r: block if :amount_usd: ! 5", 26, "expected '!=', found '!'")]
    [InlineData("r: block if :amount_usd: > $5", 28, "unexpected character '$'")]
    [InlineData("r: block if :ip_country: = 'US", 28, "expected a closing ' for the string that starts here, found end of line")]
    [InlineData("r: block if :amount_usd: > 100000000000000000000000000000", 28, "the number 100000000000000000000000000000 is too large")]
    [InlineData("123: block if :amount_usd: > 1", 1, "expected a rule id such as block_country_mismatch at the start of the rule, found the number 123")]
    [InlineData("Big_Amount: block if :amount_usd: > 1", 1, "expected a rule id of lowercase letters, digits and '_' that starts with a letter, found 'Big_Amount'")]
    [InlineData("_amount: block if :amount_usd: > 1", 1, "expected a rule id of lowercase letters, digits and '_' that starts with a letter, found '_amount'")]
    [InlineData("block if :amount_usd: > 100", 1, "expected a rule id and ':' before the action, as in 'my_rule: block if …', found 'block'")]
    [InlineData("Block if :amount_usd: > 100", 1, "expected a rule id and ':' before the action, as in 'my_rule: Block if …', found 'Block'")]
    [InlineData("big_amount block if :amount_usd: > 100", 12, "expected ':' after the rule id 'big_amount', found 'block'")]
    [InlineData("first: block if :amount_usd: > 1", 1, "rule id 'first' is already used on line 2")]
    [InlineData("r: deny if :amount_usd: > 1", 4, "expected an action (allow, review or block) after 'r:', found 'deny'")]
    [InlineData("r: block :amount_usd: > 1", 10, "expected 'if' after the action, found :amount_usd:")]
    [InlineData("r: block when :amount_usd: > 1", 10, "expected 'if' after the action, found 'when'")]
    [InlineData("r: block if", 12, "expected an attribute such as :amount_usd:, 'not' or '(', found end of line")]
    [InlineData("r: block if > 5", 13, "expected an attribute such as :amount_usd:, 'not' or '(', found '>'")]
    [InlineData("r: block if 100 < :amount_usd:", 13, "expected an attribute such as :amount_usd:, 'not' or '(', found the number 100")]
    [InlineData("r: block if :amount_usd: > 5 and", 33, "expected an attribute such as :amount_usd:, 'not' or '(', found end of line")]
    [InlineData("r: block if :amount_usd: > 5 :ip_country: = 'US'", 30, "expected 'and', 'or' or the end of the rule, found :ip_country:")]
    [InlineData("r: block if :amount_usd: > 5 )", 30, "expected 'and', 'or' or the end of the rule, found ')'")]
    [InlineData("r: block if (:amount_usd: > 5", 30, "expected ')' to close the '(' at column 13, found end of line")]
    [InlineData("r: block if :amount_usd > 5", 25, "expected ':' right after ':amount_usd' to close the attribute, found '>'")]
    [InlineData("r: block if : amount_usd: > 5", 13, "expected an attribute such as :amount_usd:, 'not' or '(', found ':'")]
    [InlineData("r: block if :card_country: = :ip_country", 41, "expected ':' right after ':ip_country' to close the attribute, found end of line")]
    [InlineData("r: block if :amount_us: > 5", 13, "unknown attribute :amount_us:; did you mean :amount_usd:?")]
    [InlineData("r: block if :Amount_USD: > 5", 13, "unknown attribute :Amount_USD:; did you mean :amount_usd:?")]
    [InlineData("r: block if :foo: > 5", 13, "unknown attribute :foo:")]
    [InlineData("r: block if :amount_usd: > 5 and :card_country: = :ip_contry:", 51, "unknown attribute :ip_contry:; did you mean :ip_country:?")]
    [InlineData("r: block if :amount_usd: foo", 26, "expected a comparison operator after :amount_usd:, found 'foo'")]
    [InlineData("r: block if :amount_usd:", 25, "expected a comparison operator after :amount_usd:, found end of line")]
    [InlineData("r: block if :card_country: > 'US'", 28, "'>' compares numbers, but :card_country: is a string; expected '=', '!=', 'in', 'not in' or 'is'")]
    [InlineData("r: block if :is_first_purchase: <= true", 33, "'<=' compares numbers, but :is_first_purchase: is a boolean; expected '=', '!=' or 'is'")]
    [InlineData("r: block if :amount_usd: > '100'", 28, "expected a number or a number attribute to compare with :amount_usd:, found the string '100'")]
    [InlineData("r: block if :amount_usd: >", 27, "expected a number or a number attribute to compare with :amount_usd:, found end of line")]
    [InlineData("r: block if :card_country: = US", 30, "expected a string or a string attribute to compare with :card_country:, found 'US'")]
    [InlineData("r: block if :card_country: = 1", 30, "expected a string or a string attribute to compare with :card_country:, found the number 1")]
    [InlineData("r: block if :is_first_purchase: = 'yes'", 35, "expected true, false or a boolean attribute to compare with :is_first_purchase:, found the string 'yes'")]
    [InlineData("r: block if :card_country: = :amount_usd:", 30, "expected a string or a string attribute to compare with :card_country:, found :amount_usd:, which is a number")]
    [InlineData("r: block if :amount_usd: > 10.005", 28, "expected an amount with at most 2 decimals for :amount_usd:, found the number 10.005")]
    [InlineData("r: block if :amount_usd_per_ip_1h: in (5, 0.001)", 43, "expected an amount with at most 2 decimals for :amount_usd_per_ip_1h:, found the number 0.001")]
    [InlineData("r: block if :payment_method: = 'crypto'", 32, "expected one of 'sandbox', 'card', 'paypal', 'voucher', 'alipay', 'wechat_pay' for :payment_method:, found the string 'crypto'")]
    [InlineData("r: block if :verification_level: in ('verified', 'gold')", 50, "expected one of 'unverified', 'verified' for :verification_level:, found the string 'gold'")]
    [InlineData("r: block if :card_country: not ('US')", 32, "expected 'in' after 'not', found '('")]
    [InlineData("r: block if :card_country: in 'US'", 31, "expected '(' to start the list after 'in', found the string 'US'")]
    [InlineData("r: block if :card_country: in ('US', 2)", 38, "expected a string in the list for :card_country:, found the number 2")]
    [InlineData("r: block if :account_age_days: in ('1')", 36, "expected a number in the list for :account_age_days:, found the string '1'")]
    [InlineData("r: block if :card_country: in ()", 32, "expected a string in the list for :card_country:, found ')'")]
    [InlineData("r: block if :card_country: in ('US' 'DE')", 37, "expected ',' or ')' in the list, found the string 'DE'")]
    [InlineData("r: block if :card_country: in ('US',", 37, "expected a string in the list for :card_country:, found end of line")]
    [InlineData("r: block if :card_country: in ('US'", 36, "expected ',' or ')' in the list, found end of line")]
    [InlineData("r: block if :is_first_purchase: in (true)", 33, "a list needs a number or string attribute, but :is_first_purchase: is a boolean; expected '=', '!=' or 'is'")]
    [InlineData("r: block if :is_first_purchase: not in (true)", 33, "a list needs a number or string attribute, but :is_first_purchase: is a boolean; expected '=', '!=' or 'is'")]
    [InlineData("r: block if :card_country: is 'US'", 31, "expected 'missing' or 'not missing' after 'is', found the string 'US'")]
    [InlineData("r: block if :card_country: is not null", 35, "expected 'missing' after 'is not', found 'null'")]
    public void FaultyRule_IsRejectedWithLineColumnAndWhatWasExpected(string rule, int column, string message)
    {
        var error = Assert.Throws<RuleSetException>(() => RuleSet.Parse(FirstTwoLines + rule, HostMethods));

        Assert.Equal(new RuleError(3, column, message), Assert.Single(error.Errors));
        Assert.Equal($"line 3, column {column}: {message}", error.Message);
    }

    [Fact]
    public void OverlongRuleId_IsRejected()
    {
        var error = Assert.Throws<RuleSetException>(() => RuleSet.Parse(new string('r', 65) + ": block if :amount_usd: > 1"));

        Assert.Equal(new RuleError(1, 1, "expected a rule id of at most 64 characters, found one of 65"), Assert.Single(error.Errors));
    }

    [Theory]
    [InlineData("not ", 141)]
    [InlineData("(", 45)]
    public void NestingDeeperThan32_IsRejected(string opener, int column)
    {
        var text = "r: block if " + string.Concat(Enumerable.Repeat(opener, 33)) + ":is_first_purchase:" + new string(')', opener == "(" ? 33 : 0);

        var error = Assert.Throws<RuleSetException>(() => RuleSet.Parse(text));

        Assert.Equal(new RuleError(1, column, "expected at most 32 nested 'not' and '(', found more"), Assert.Single(error.Errors));
    }

    [Fact]
    public void NestingOf32_IsAccepted() =>
        Assert.Single(RuleSet.Parse("r: block if " + string.Concat(Enumerable.Repeat("not (", 16)) + ":is_first_purchase:" + new string(')', 16)).Rules);

    [Fact]
    public void RuleIdOf64Characters_IsAccepted() =>
        Assert.Single(RuleSet.Parse(new string('r', 64) + ": block if :amount_usd: > 1").Rules);

    [Fact]
    public void DuplicateId_IsReportedOnEveryLaterLine_EvenWhenTheFirstRuleIsFaulty()
    {
        var error = Assert.Throws<RuleSetException>(() => RuleSet.Parse("""
            twice: block if :amount_usd: > 'x'
            twice: review if :amount_usd: > 1
            other: review if :amount_usd: > 2
            twice: allow if :amount_usd: > 3
            """));

        Assert.Equal(
            ["line 1, column 32: expected a number or a number attribute to compare with :amount_usd:, found the string 'x'",
             "line 2, column 1: rule id 'twice' is already used on line 1",
             "line 4, column 1: rule id 'twice' is already used on line 1"],
            error.Errors.Select(e => e.ToString()));
    }
}
