namespace PaymentCore.Adapters.Tests;

/// <summary>The rule every idempotency record follows, whole: which verdict each state of a record gives.</summary>
public sealed class IdempotencyRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, false, 60, "fp", ClaimVerdict.Absent)]
    [InlineData("other", true, 60, "fp", ClaimVerdict.KeyReused)]
    [InlineData("other", false, -60, "fp", ClaimVerdict.KeyReused)]
    [InlineData("fp", true, 60, "fp", ClaimVerdict.Answered)]
    [InlineData("fp", true, -60, "fp", ClaimVerdict.Answered)]
    [InlineData("fp", false, 60, "fp", ClaimVerdict.InProgress)]
    [InlineData("fp", false, 0, "fp", ClaimVerdict.Lapsed)]
    [InlineData("fp", false, -60, "fp", ClaimVerdict.Lapsed)]
    public void Judge_GivesEachStateOfARecordItsVerdict(string? storedFingerprint, bool answered, int leaseSecondsLeft, string fingerprint, ClaimVerdict expected) =>
        Assert.Equal(expected, IdempotencyRule.Judge(storedFingerprint, answered, Now.AddSeconds(leaseSecondsLeft), fingerprint, Now));
}
