using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters;
using PaymentCore.Errors;
using PaymentCore.Pricing;
using PaymentCore.Promotions;
using PaymentCore.Recharges;
using PaymentCore.State;
using PaymentCore.Stores.InMemory;

namespace PaymentCore.Tests.Pricing;

/// <summary>What a price depends on is held for each attempt: an unexpired quote, and promotion redemptions within their caps.</summary>
public sealed class PriceGuardTests
{
    private static readonly DateTimeOffset Issued = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan QuoteTtl = TimeSpan.FromMinutes(15);
    private readonly FakeTimeProvider _time = new(Issued);
    private readonly InMemoryPromotionLedger _ledger = new();
    private readonly InMemoryRechargeStore _store;
    private readonly PriceGuard _guard;

    public PriceGuardTests()
    {
        _store = new InMemoryRechargeStore(_time, new InMemoryOutbox(new ShardDoorbells()), new InMemoryLimitLedger(_time));
        _guard = new PriceGuard(_ledger, new PurchaseHistory(_store));
    }

    [Fact]
    public async Task Quote_IsHonouredUntilTheLastInstantBeforeItExpires()
    {
        var item = Quoted(Issued + QuoteTtl);
        _time.Advance(QuoteTtl - TimeSpan.FromMilliseconds(1));

        var reservation = await _guard.ReserveAsync(item, "u1", "r1", _time.GetUtcNow(), default);

        Assert.True(reservation.Succeeded);
    }

    [Fact]
    public async Task Quote_ExpiresAtItsExpiryInstant()
    {
        var item = Quoted(Issued + QuoteTtl);
        _time.Advance(QuoteTtl);

        var reservation = await _guard.ReserveAsync(item, "u1", "r1", _time.GetUtcNow(), default);

        Assert.False(reservation.Succeeded);
        var refusal = Assert.Throws<PaymentCoreException>(reservation.ThrowRefusal);
        Assert.Equal(ErrorReasons.QuoteExpired, refusal.Reason);
        Assert.Equal(ErrorKind.FailedPrecondition, refusal.Kind);
    }

    [Fact]
    public async Task CountedPromotion_IsReservedAndCanBeCancelled()
    {
        var item = Priced(Redemption("code", perUser: 1, total: 5));

        var reservation = await _guard.ReserveAsync(item, "u1", "r1", Issued, default);

        Assert.True(reservation.Succeeded);
        Assert.Equal(new PromotionUsage(1, 1), await _ledger.UsageAsync("code", "u1", default));
        await _guard.CancelAsync(reservation);
        Assert.Equal(new PromotionUsage(0, 0), await _ledger.UsageAsync("code", "u1", default));
    }

    [Fact]
    public async Task ExhaustedPromotion_IsRefusedNamingIt_AndTheOthersGrantedAreListedForCancelling()
    {
        await _ledger.ReserveAsync(new RedemptionRequest("code", "u1", "earlier", 1, null, Issued.AddDays(40)), default);
        var item = Priced(Redemption("bonus", perUser: 5, total: null), Redemption("code", perUser: 1, total: null));

        var reservation = await _guard.ReserveAsync(item, "u1", "r1", Issued, default);

        var refusal = Assert.Throws<PaymentCoreException>(reservation.ThrowRefusal);
        Assert.Equal(ErrorReasons.PromotionExhausted, refusal.Reason);
        Assert.Equal("code", refusal.Metadata["promotion_id"]);
        Assert.Equal("per_user", refusal.Metadata["cap"]);
        await _guard.CancelAsync(reservation);
        Assert.Equal(0, (await _ledger.UsageAsync("bonus", "u1", default)).Total);
    }

    [Fact]
    public async Task FailedPayment_GivesItsRedemptionsBack()
    {
        var item = Priced(Redemption("code", perUser: 1, total: 5));
        await _guard.ReserveAsync(item, "u1", "r1", Issued, default);
        var failed = Recharge("r1") with { RedeemedPromotionIds = ["code"] };

        await _guard.ReleaseAsync(failed);

        Assert.Equal(new PromotionUsage(0, 0), await _ledger.UsageAsync("code", "u1", default));
    }

    [Fact]
    public async Task QuotedFirstPurchaseBonus_IsRefusedWhenTheUserBoughtSince()
    {
        var paid = Recharge(RechargeId.New("u1", Issued)) with { Status = RechargeStatus.Succeeded };
        await _store.BeginAsync(new IdempotencyClaim("u1", "scope", "fp", Issued.AddMinutes(1), Issued.AddDays(1)), paid, null, default);
        var item = Quoted(Issued + QuoteTtl, Redemption("first", perUser: 1, total: null, firstPurchaseOnly: true));

        var reservation = await _guard.ReserveAsync(item, "u1", "r2", Issued, default);

        var refusal = Assert.Throws<PaymentCoreException>(reservation.ThrowRefusal);
        Assert.Equal(ErrorReasons.PromotionExhausted, refusal.Reason);
        Assert.Equal("first", refusal.Metadata["promotion_id"]);
    }

    [Fact]
    public async Task QuotedFirstPurchaseBonus_StillAFirstPurchase_IsGrantedOncePerUser()
    {
        var item = Quoted(Issued + QuoteTtl, Redemption("first", perUser: 1, total: null, firstPurchaseOnly: true));

        var first = await _guard.ReserveAsync(item, "u1", "r1", Issued, default);
        var second = await _guard.ReserveAsync(item, "u1", "r2", Issued, default);

        Assert.True(first.Succeeded);
        Assert.False(second.Succeeded);
    }

    private static PricedItem Priced(params PromotionRedemption[] redemptions) =>
        new(new Money("USD", 449), 500, 25, "coins_500", redemptions.Select(r => r.PromotionId).ToList(), redemptions, null);

    private static PricedItem Quoted(DateTimeOffset expiresAt, params PromotionRedemption[] redemptions) =>
        Priced(redemptions) with { QuoteExpiresAt = expiresAt };

    private static PromotionRedemption Redemption(string id, long? perUser, long? total, bool firstPurchaseOnly = false) =>
        new(id, perUser, total, Issued.AddDays(40), firstPurchaseOnly);

    private static Recharge Recharge(string rechargeId) => new()
    {
        RechargeId = rechargeId,
        UserId = "u1",
        RegionCode = "US",
        Livemode = false,
        Status = RechargeStatus.Failed,
        Amount = new Money("USD", 449),
        Coins = 500,
        BonusCoins = 25,
        Gateway = "sandbox",
        MethodType = PaymentMethodType.Sandbox,
        CreatedAt = Issued,
        UpdatedAt = Issued,
    };
}
