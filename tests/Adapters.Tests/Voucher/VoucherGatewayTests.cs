using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters.Voucher;

namespace PaymentCore.Adapters.Tests.Voucher;

/// <summary>Prepaid vouchers: exactly their value, in their region, exactly once, by idempotency key.</summary>
public sealed class VoucherGatewayTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly InMemoryVoucherLedger _ledger = new();

    [Fact]
    public async Task Redeem_ExactValue_SucceedsAndRetryWithSameKeyAnswersTheSameWithoutSpendingTwice()
    {
        await IssueAsync("ABCD-EFGH-JKLM", new Money("USD", 499));
        var gateway = new VoucherGateway(_ledger, _time, livemode: false);

        var first = await gateway.ChargeAsync(Pay("abcd efgh-jklm", new Money("USD", 499), "rch_1:charge"), default);
        var retry = await gateway.ChargeAsync(Pay("ABCD-EFGH-JKLM", new Money("USD", 499), "rch_1:charge"), default);
        var other = await gateway.ChargeAsync(Pay("ABCD-EFGH-JKLM", new Money("USD", 499), "rch_2:charge"), default);

        var succeeded = Assert.IsType<GatewayOutcome.Succeeded>(first);
        Assert.Equal(first, retry);
        Assert.Equal("voucher_used", Assert.IsType<GatewayOutcome.Declined>(other).Code);
        Assert.Equal(first, await gateway.LookupAsync(succeeded.GatewayReference, default));
    }

    [Theory]
    [InlineData("NOPE-NOPE", "USD", 499, "US", "voucher_invalid")]
    [InlineData("ABCD-EFGH", "USD", 500, "US", "voucher_amount_mismatch")]
    [InlineData("ABCD-EFGH", "EUR", 499, "US", "voucher_amount_mismatch")]
    [InlineData("ABCD-EFGH", "USD", 499, "CA", "voucher_wrong_region")]
    public async Task Redeem_UnknownCodeWrongAmountOrRegion_IsDeclined(string code, string currency, long minorUnits, string region, string expected)
    {
        await IssueAsync("ABCD-EFGH", new Money("USD", 499));

        var outcome = await new VoucherGateway(_ledger, _time, livemode: false).ChargeAsync(Pay(code, new Money(currency, minorUnits), "k", region), default);

        Assert.Equal(expected, Assert.IsType<GatewayOutcome.Declined>(outcome).Code);
    }

    [Fact]
    public async Task Redeem_AfterExpiry_IsDeclined()
    {
        await IssueAsync("ABCD-EFGH", new Money("USD", 499));
        _time.Advance(TimeSpan.FromDays(31));

        var outcome = await new VoucherGateway(_ledger, _time, livemode: false).ChargeAsync(Pay("ABCD-EFGH", new Money("USD", 499), "k"), default);

        Assert.Equal("voucher_expired", Assert.IsType<GatewayOutcome.Declined>(outcome).Code);
    }

    [Fact]
    public async Task ConcurrentRedemptions_WithDifferentKeys_ExactlyOneSucceeds()
    {
        await IssueAsync("RACE-CODE", new Money("JPY", 800), "JP");
        var gateway = new VoucherGateway(_ledger, _time, livemode: false);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => gateway.ChargeAsync(Pay("RACE-CODE", new Money("JPY", 800), $"rch_{i}:charge", "JP"), default))));

        Assert.Single(outcomes, o => o is GatewayOutcome.Succeeded);
        Assert.Equal(31, outcomes.Count(o => o is GatewayOutcome.Declined { Code: "voucher_used" }));
    }

    [Fact]
    public async Task Lookup_OfARedemptionThatDidNotHappen_IsDeclinedAndOfAForeignReferenceUnknown()
    {
        await IssueAsync("ABCD-EFGH", new Money("USD", 499));
        var gateway = new VoucherGateway(_ledger, _time, livemode: false);
        var declined = Assert.IsType<GatewayOutcome.Declined>(await gateway.ChargeAsync(Pay("ABCD-EFGH", new Money("USD", 1), "rch_1:charge"), default));

        Assert.Null(declined.GatewayReference);
        Assert.IsType<GatewayOutcome.Declined>(await gateway.LookupAsync("vch_000000000000000000000000." + VoucherCodes.Hash("ABCD-EFGH"), default));
        Assert.IsType<GatewayOutcome.Unknown>(await gateway.LookupAsync("pi_123", default));
    }

    [Fact]
    public async Task LedgerFailing_IsUnknownWithTheReferenceToLookUp()
    {
        var outcome = await new VoucherGateway(new FailingLedger(), _time, livemode: false).ChargeAsync(Pay("ABCD-EFGH", new Money("USD", 499), "rch_1:charge"), default);

        var reference = Assert.IsType<GatewayOutcome.Unknown>(outcome).GatewayReference;
        Assert.StartsWith("vch_", reference, StringComparison.Ordinal);
        Assert.EndsWith("." + VoucherCodes.Hash("ABCD-EFGH"), reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefundConfirmAndWebhooks_AreExplicitlyNotOffered()
    {
        var gateway = new VoucherGateway(_ledger, _time, livemode: false);

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
        Assert.Equal(VoucherCodes.Hash("ABCD-EFGH"), VoucherInstrument.ForCode("abcd-efgh").CodeHash);
    }

    [Fact]
    public void NewCodes_AreFourGroupsOfFourUnambiguousSymbolsAndNeverRepeat()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => VoucherCodes.New()).ToList();

        Assert.All(codes, code => Assert.Matches("^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$", code));
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(VoucherCodes.Alphabet.Length, codes.SelectMany(c => c.Replace("-", string.Empty, StringComparison.Ordinal)).Distinct().Count());
    }

    private async Task IssueAsync(string code, Money value, string region = "US")
    {
        var batch = new VoucherBatch("vb_test", "fingerprint", 1, value, region, Now.AddDays(30), Now, "tests", "gateway tests", Livemode: false);
        var issuance = new VoucherIssuance(batch, "attempt-1", Now, Now.AddMinutes(1));
        Assert.IsType<VoucherBatchStart.Started>(await _ledger.BeginBatchAsync(issuance, default));
        Assert.Equal(VoucherIssueResult.Issued, await _ledger.IssueAsync(issuance, [VoucherCodes.Hash(code)], default));
    }

    private static GatewayRequest Pay(string code, Money amount, string key, string region = "US") =>
        new(key, amount, region, VoucherInstrument.ForCode(code), "rch_1", "100 coins");

    private sealed class FailingLedger : IVoucherLedger
    {
        public Task<VoucherBatchStart> BeginBatchAsync(VoucherIssuance issuance, CancellationToken cancellationToken) => throw new IOException("ledger down");

        public Task<VoucherIssueResult> IssueAsync(VoucherIssuance issuance, IReadOnlyList<string> codeHashes, CancellationToken cancellationToken) =>
            throw new IOException("ledger down");

        public Task<VoucherRedemptionResult> RedeemAsync(VoucherRedemption redemption, CancellationToken cancellationToken) => throw new IOException("ledger down");

        public Task<bool> WasRedeemedAsync(string codeHash, string redemptionId, CancellationToken cancellationToken) => throw new IOException("ledger down");
    }
}
