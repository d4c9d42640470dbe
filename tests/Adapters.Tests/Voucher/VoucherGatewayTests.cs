using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters.Voucher;

namespace PaymentCore.Adapters.Tests.Voucher;

/// <summary>Prepaid vouchers: exactly their value, exactly once, by idempotency key.</summary>
public sealed class VoucherGatewayTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryVoucherLedger _ledger = new();

    [Fact]
    public async Task Redeem_ExactValue_SucceedsAndRetryWithSameKeyAnswersTheSameWithoutSpendingTwice()
    {
        await IssueAsync("ABCD-EFGH-JKLM", new Money("USD", 499));
        var gateway = new VoucherGateway(_ledger, _time);

        var first = await gateway.ChargeAsync(Pay("abcd efgh-jklm", new Money("USD", 499), "rch_1:charge"), default);
        var retry = await gateway.ChargeAsync(Pay("ABCD-EFGH-JKLM", new Money("USD", 499), "rch_1:charge"), default);
        var other = await gateway.ChargeAsync(Pay("ABCD-EFGH-JKLM", new Money("USD", 499), "rch_2:charge"), default);

        var succeeded = Assert.IsType<GatewayOutcome.Succeeded>(first);
        Assert.Equal(first, retry);
        Assert.Equal("voucher_used", Assert.IsType<GatewayOutcome.Declined>(other).Code);
        Assert.Equal(first, await gateway.LookupAsync(succeeded.GatewayReference, default));
    }

    [Theory]
    [InlineData("NOPE-NOPE", "USD", 499, "voucher_invalid")]
    [InlineData("ABCD-EFGH", "USD", 500, "voucher_amount_mismatch")]
    [InlineData("ABCD-EFGH", "EUR", 499, "voucher_amount_mismatch")]
    public async Task Redeem_UnknownCodeOrWrongAmount_IsDeclined(string code, string currency, long minorUnits, string expected)
    {
        await IssueAsync("ABCD-EFGH", new Money("USD", 499));

        var outcome = await new VoucherGateway(_ledger, _time).ChargeAsync(Pay(code, new Money(currency, minorUnits), "k"), default);

        Assert.Equal(expected, Assert.IsType<GatewayOutcome.Declined>(outcome).Code);
    }

    [Fact]
    public async Task Redeem_AfterExpiry_IsDeclined()
    {
        await IssueAsync("ABCD-EFGH", new Money("USD", 499));
        _time.Advance(TimeSpan.FromDays(31));

        var outcome = await new VoucherGateway(_ledger, _time).ChargeAsync(Pay("ABCD-EFGH", new Money("USD", 499), "k"), default);

        Assert.Equal("voucher_expired", Assert.IsType<GatewayOutcome.Declined>(outcome).Code);
    }

    [Fact]
    public async Task ConcurrentRedemptions_WithDifferentKeys_ExactlyOneSucceeds()
    {
        await IssueAsync("RACE-CODE", new Money("JPY", 800));
        var gateway = new VoucherGateway(_ledger, _time);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => gateway.ChargeAsync(Pay("RACE-CODE", new Money("JPY", 800), $"rch_{i}:charge"), default))));

        Assert.Single(outcomes, o => o is GatewayOutcome.Succeeded);
        Assert.Equal(31, outcomes.Count(o => o is GatewayOutcome.Declined { Code: "voucher_used" }));
    }

    [Fact]
    public async Task Issue_DuplicateCode_RefusesTheWholeBatch()
    {
        await IssueAsync("ABCD-EFGH", new Money("USD", 499));

        var issued = await _ledger.IssueAsync(
            [new PrepaidVoucher(VoucherCodes.Hash("NEW-ONE"), new Money("USD", 499), Now.AddDays(1)), new PrepaidVoucher(VoucherCodes.Hash("abcdefgh"), new Money("USD", 1), Now.AddDays(1))],
            default);

        Assert.False(issued);
        Assert.IsType<GatewayOutcome.Declined>(await new VoucherGateway(_ledger, _time).ChargeAsync(Pay("NEW-ONE", new Money("USD", 499), "k"), default));
    }

    [Fact]
    public async Task LedgerFailing_IsUnknownWithTheReferenceToLookUp()
    {
        var outcome = await new VoucherGateway(new FailingLedger(), _time).ChargeAsync(Pay("ABCD", new Money("USD", 499), "rch_1:charge"), default);

        Assert.StartsWith("vch_", Assert.IsType<GatewayOutcome.Unknown>(outcome).GatewayReference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefundConfirmAndWebhooks_AreExplicitlyNotOffered()
    {
        var gateway = new VoucherGateway(_ledger, _time);

        Assert.IsType<RefundOutcome.NotSupported>(await gateway.RefundAsync(new GatewayRefund("k", "vch_1", new Money("USD", 1), "r"), default));
        Assert.IsType<GatewayOutcome.NotSupported>(await gateway.ConfirmAsync(new GatewayConfirmation("k", "vch_1"), default));
        Assert.IsType<WebhookOutcome.NotVerified>(await gateway.ParseWebhookAsync(new WebhookDelivery(Array.Empty<byte>(), new Dictionary<string, string>(), Now), default));
        Assert.False(gateway.Capabilities.PartialRefunds);
    }

    [Fact]
    public void CodeHash_IgnoresCaseSpacesAndDashesAndIsNotTheCode()
    {
        Assert.Equal(VoucherCodes.Hash("ABCD-EFGH"), VoucherCodes.Hash(" abcd efgh "));
        Assert.DoesNotContain("ABCD", VoucherCodes.Hash("ABCD-EFGH"), StringComparison.OrdinalIgnoreCase);
    }

    private Task<bool> IssueAsync(string code, Money value) =>
        _ledger.IssueAsync([new PrepaidVoucher(VoucherCodes.Hash(code), value, Now.AddDays(30))], default);

    private static GatewayRequest Pay(string code, Money amount, string key) => new(key, amount, new VoucherInstrument(code), "rch_1", "100 coins");

    private sealed class FailingLedger : IVoucherLedger
    {
        public Task<bool> IssueAsync(IReadOnlyCollection<PrepaidVoucher> batch, CancellationToken cancellationToken) => throw new IOException("ledger down");

        public Task<VoucherRedemptionResult> RedeemAsync(VoucherRedemption redemption, CancellationToken cancellationToken) => throw new IOException("ledger down");

        public Task<bool> WasRedeemedAsync(string redemptionId, CancellationToken cancellationToken) => throw new IOException("ledger down");
    }
}
