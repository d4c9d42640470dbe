using PaymentCore.Adapters;
using PaymentCore.Adapters.Voucher;

namespace PaymentCore.Tests.State;

/// <summary>The semantics every <see cref="IVoucherLedger"/> must have; one suite for every implementation.</summary>
public abstract class VoucherLedgerConformanceTests : IAsyncLifetime
{
    private static readonly Money Value = new("USD", 499);

    /// <summary>Real time, to the millisecond Redis keeps: the Redis ledger expires keys by the server's clock.</summary>
    private readonly DateTimeOffset _now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    private IDisposable? _owner;

    protected IVoucherLedger Ledger { get; private set; } = null!;

    public async Task InitializeAsync() => (Ledger, _owner) = await CreateLedgerAsync();

    public Task DisposeAsync()
    {
        _owner?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The ledger under test, and what to dispose after the test (a Redis connection).</summary>
    protected abstract Task<(IVoucherLedger Ledger, IDisposable? Owner)> CreateLedgerAsync();

    [Fact]
    public async Task Issue_ThenRedeemExactlyItsValueInItsRegion_Succeeds()
    {
        var code = await IssueOneAsync();

        Assert.Equal(VoucherRedemptionResult.Redeemed, await Ledger.RedeemAsync(Redemption("r1", code), default));
        Assert.True(await Ledger.WasRedeemedAsync(code, "r1", default));
        Assert.False(await Ledger.WasRedeemedAsync(code, "r2", default));
    }

    [Fact]
    public async Task Redeem_SameRedemptionIdAgain_AnswersRedeemedAndSpendsNothingMore()
    {
        var code = await IssueOneAsync();
        await Ledger.RedeemAsync(Redemption("r1", code), default);

        Assert.Equal(VoucherRedemptionResult.Redeemed, await Ledger.RedeemAsync(Redemption("r1", code), default));
        Assert.Equal(VoucherRedemptionResult.Redeemed, await Ledger.RedeemAsync(Redemption("r1", code) with { At = _now.AddDays(60) }, default));
        Assert.Equal(VoucherRedemptionResult.AlreadyRedeemed, await Ledger.RedeemAsync(Redemption("r2", code), default));
        Assert.False(await Ledger.WasRedeemedAsync(code, "r2", default));
    }

    [Fact]
    public async Task Redeem_FromItsExpiryOn_IsExpired()
    {
        var code = await IssueOneAsync();
        var expiry = _now.AddDays(30);

        Assert.Equal(VoucherRedemptionResult.Expired, await Ledger.RedeemAsync(Redemption("r1", code) with { At = expiry }, default));
        Assert.Equal(VoucherRedemptionResult.Redeemed, await Ledger.RedeemAsync(Redemption("r2", code) with { At = expiry.AddMilliseconds(-1) }, default));
    }

    [Theory]
    [InlineData("CA", "USD", 499, VoucherRedemptionResult.WrongRegion)]
    [InlineData("US", "EUR", 499, VoucherRedemptionResult.WrongCurrency)]
    [InlineData("US", "USD", 500, VoucherRedemptionResult.WrongAmount)]
    [InlineData("US", "USD", 498, VoucherRedemptionResult.WrongAmount)]
    public async Task Redeem_InAnotherRegionCurrencyOrAmount_IsRefusedAndLeavesTheVoucherUnspent(
        string region, string currency, long minorUnits, VoucherRedemptionResult expected)
    {
        var code = await IssueOneAsync();

        Assert.Equal(expected, await Ledger.RedeemAsync(Redemption("r1", code) with { RegionCode = region, Amount = new Money(currency, minorUnits) }, default));
        Assert.False(await Ledger.WasRedeemedAsync(code, "r1", default));
        Assert.Equal(VoucherRedemptionResult.Redeemed, await Ledger.RedeemAsync(Redemption("r2", code), default));
    }

    /// <summary>
    /// A voucher pays only in the mode it was issued in: a test voucher offered to a live deployment
    /// (or a live one to a test deployment) is refused, stays unspent, and still pays in its own mode.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Redeem_InTheOtherMode_IsRefusedAndLeavesTheVoucherUnspent(bool issuedLive)
    {
        var code = await IssueOneAsync(livemode: issuedLive);

        Assert.Equal(VoucherRedemptionResult.WrongMode, await Ledger.RedeemAsync(Redemption("r1", code, livemode: !issuedLive), default));
        Assert.Equal(VoucherRedemptionResult.WrongMode, await Ledger.RedeemAsync(Redemption("r1", code, livemode: !issuedLive), default));
        Assert.False(await Ledger.WasRedeemedAsync(code, "r1", default));
        Assert.Equal(VoucherRedemptionResult.Redeemed, await Ledger.RedeemAsync(Redemption("r2", code, livemode: issuedLive), default));
    }

    /// <summary>Test-mode redemptions racing live-mode ones for one live voucher: only a live one ever redeems it.</summary>
    [Fact]
    public async Task ConcurrentRedemptionsOfBothModes_OnlyTheVouchersModeRedeems()
    {
        var code = await IssueOneAsync(livemode: true);

        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            Task.Run(() => Ledger.RedeemAsync(Redemption($"r{i}", code, livemode: i % 2 == 0), default))));

        Assert.Equal(30, answers.Where((_, i) => i % 2 == 1).Count(a => a == VoucherRedemptionResult.WrongMode));
        var redeemedBy = Enumerable.Range(0, 60).Where(i => answers[i] == VoucherRedemptionResult.Redeemed).ToList();
        Assert.True(redeemedBy is [var winner] && winner % 2 == 0, $"redeemed by {string.Join(", ", redeemedBy)}");
    }

    [Fact]
    public async Task Redeem_UnknownCode_IsUnknown()
    {
        Assert.Equal(VoucherRedemptionResult.UnknownCode, await Ledger.RedeemAsync(Redemption("r1", NewCodeHash()), default));
        Assert.False(await Ledger.WasRedeemedAsync(NewCodeHash(), "r1", default));
    }

    [Fact]
    public async Task Issue_WithADigestOfAnotherBatch_KeepsNoneOfTheBatchAndReleasesItsClaim()
    {
        var taken = await IssueOneAsync();
        var issuance = Issuance(Batch(count: 3), "attempt-1");
        await Ledger.BeginBatchAsync(issuance, default);
        var fresh = new[] { NewCodeHash(), NewCodeHash() };

        var result = await Ledger.IssueAsync(issuance, [fresh[0], taken, fresh[1]], default);

        Assert.Equal(VoucherIssueResult.CodeConflict, result);
        foreach (var hash in fresh)
        {
            Assert.Equal(VoucherRedemptionResult.UnknownCode, await Ledger.RedeemAsync(Redemption("r1", hash), default));
        }

        Assert.Equal(VoucherRedemptionResult.Redeemed, await Ledger.RedeemAsync(Redemption("r1", taken), default));
        Assert.IsType<VoucherBatchStart.Started>(await Ledger.BeginBatchAsync(issuance with { AttemptId = "attempt-2" }, default));
    }

    [Fact]
    public async Task BeginBatch_WhileAnAttemptHoldsIt_IsInProgress_AndWithOtherParameters_KeyReused()
    {
        var batch = Batch();
        Assert.IsType<VoucherBatchStart.Started>(await Ledger.BeginBatchAsync(Issuance(batch, "attempt-1"), default));

        Assert.IsType<VoucherBatchStart.InProgress>(await Ledger.BeginBatchAsync(Issuance(batch, "attempt-2"), default));
        Assert.IsType<VoucherBatchStart.KeyReused>(await Ledger.BeginBatchAsync(Issuance(batch with { Fingerprint = "other" }, "attempt-3"), default));
    }

    [Fact]
    public async Task BeginBatch_AfterItWasIssued_AnswersTheStoredBatch_EvenWithItsLeaseLongGone()
    {
        var batch = Batch();
        var issuance = Issuance(batch, "attempt-1");
        await Ledger.BeginBatchAsync(issuance, default);
        await Ledger.IssueAsync(issuance, [NewCodeHash()], default);

        var replay = await Ledger.BeginBatchAsync(Issuance(batch with { IssuedAt = _now.AddHours(1) }, "attempt-2") with { Now = _now.AddHours(1) }, default);

        Assert.Equal(batch, Assert.IsType<VoucherBatchStart.AlreadyIssued>(replay).Batch);
    }

    [Fact]
    public async Task BeginBatch_AfterTheLeaseExpired_TakesOver_AndTheFirstAttemptCanNoLongerIssue()
    {
        var batch = Batch();
        var first = Issuance(batch, "attempt-1");
        await Ledger.BeginBatchAsync(first, default);
        var second = Issuance(batch, "attempt-2") with { Now = first.LeaseExpiresAt, LeaseExpiresAt = first.LeaseExpiresAt.AddMinutes(1) };
        string[] firstCodes = [NewCodeHash()], secondCodes = [NewCodeHash()];

        Assert.IsType<VoucherBatchStart.Started>(await Ledger.BeginBatchAsync(second, default));
        Assert.Equal(VoucherIssueResult.Issued, await Ledger.IssueAsync(second, secondCodes, default));
        Assert.Equal(VoucherIssueResult.Superseded, await Ledger.IssueAsync(first, firstCodes, default));

        Assert.Equal(VoucherRedemptionResult.UnknownCode, await Ledger.RedeemAsync(Redemption("r1", firstCodes[0]), default));
        Assert.Equal(VoucherRedemptionResult.Redeemed, await Ledger.RedeemAsync(Redemption("r2", secondCodes[0]), default));
    }

    [Fact]
    public async Task Issue_RetriedByTheSameAttempt_IssuesTheBatchOnce()
    {
        var issuance = Issuance(Batch(count: 2), "attempt-1");
        await Ledger.BeginBatchAsync(issuance, default);
        string[] codes = [NewCodeHash(), NewCodeHash()];

        Assert.Equal(VoucherIssueResult.Issued, await Ledger.IssueAsync(issuance, codes, default));
        Assert.Equal(VoucherIssueResult.Issued, await Ledger.IssueAsync(issuance, codes, default));
        var answers = await Task.WhenAll(codes.Select(hash => Ledger.RedeemAsync(Redemption("r-" + hash, hash), default)));
        Assert.All(answers, a => Assert.Equal(VoucherRedemptionResult.Redeemed, a));
    }

    [Fact]
    public async Task Issue_AThousandVouchers_EachRedeemableExactlyOnce()
    {
        var issuance = Issuance(Batch(count: 1000), "attempt-1");
        await Ledger.BeginBatchAsync(issuance, default);
        var codes = Enumerable.Range(0, 1000).Select(_ => NewCodeHash()).ToList();

        Assert.Equal(VoucherIssueResult.Issued, await Ledger.IssueAsync(issuance, codes, default));

        var first = await Task.WhenAll(codes.Select(hash => Ledger.RedeemAsync(Redemption("a-" + hash, hash), default)));
        var second = await Task.WhenAll(codes.Select(hash => Ledger.RedeemAsync(Redemption("b-" + hash, hash), default)));
        Assert.All(first, r => Assert.Equal(VoucherRedemptionResult.Redeemed, r));
        Assert.All(second, r => Assert.Equal(VoucherRedemptionResult.AlreadyRedeemed, r));
    }

    [Fact]
    public async Task ConcurrentRedemptions_100OfOneCode_ExactlyOneRedeems()
    {
        var code = await IssueOneAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => Ledger.RedeemAsync(Redemption($"r{i}", code), default))));

        Assert.Single(answers, a => a == VoucherRedemptionResult.Redeemed);
        Assert.Equal(99, answers.Count(a => a == VoucherRedemptionResult.AlreadyRedeemed));
    }

    private async Task<string> IssueOneAsync(bool livemode = false)
    {
        var issuance = Issuance(Batch(livemode: livemode), "attempt-1");
        var code = NewCodeHash();
        Assert.IsType<VoucherBatchStart.Started>(await Ledger.BeginBatchAsync(issuance, default));
        Assert.Equal(VoucherIssueResult.Issued, await Ledger.IssueAsync(issuance, [code], default));
        return code;
    }

    private VoucherBatch Batch(int count = 1, bool livemode = false) =>
        new("vb_" + Guid.NewGuid().ToString("N"), "fingerprint", count, Value, "US", _now.AddDays(30), _now, "ops@example.com", "conformance", livemode);

    private VoucherIssuance Issuance(VoucherBatch batch, string attemptId) => new(batch, attemptId, _now, _now.AddSeconds(30));

    private VoucherRedemption Redemption(string redemptionId, string codeHash, bool livemode = false) => new(redemptionId, codeHash, Value, "US", _now, livemode);

    private static string NewCodeHash() => VoucherCodes.Hash(VoucherCodes.New());
}
