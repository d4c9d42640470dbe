using PaymentCore.Promotions;

namespace PaymentCore.Tests.State;

/// <summary>The semantics every <see cref="IPromotionLedger"/> must have; one suite for every implementation.</summary>
public abstract class PromotionLedgerConformanceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset KeepUntil = DateTimeOffset.UtcNow.AddDays(40);
    private readonly string _promotion = "promo_" + Guid.NewGuid().ToString("N")[..8];
    private IDisposable? _owner;

    protected IPromotionLedger Ledger { get; private set; } = null!;

    public async Task InitializeAsync() => (Ledger, _owner) = await CreateLedgerAsync();

    public Task DisposeAsync()
    {
        _owner?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The ledger under test, and what to dispose after the test (a Redis connection).</summary>
    protected abstract Task<(IPromotionLedger Ledger, IDisposable? Owner)> CreateLedgerAsync();

    [Fact]
    public async Task Reserve_WithinCaps_CountsForTheUserAndInTotal()
    {
        Assert.Null(await Ledger.ReserveAsync(Request("u1", "r1", perUser: 2, total: 10), default));
        Assert.Null(await Ledger.ReserveAsync(Request("u2", "r2", perUser: 2, total: 10), default));

        Assert.Equal(new PromotionUsage(1, 2), await Ledger.UsageAsync(_promotion, "u1", default));
        Assert.Equal(new PromotionUsage(0, 2), await Ledger.UsageAsync(_promotion, "u3", default));
    }

    [Fact]
    public async Task Reserve_OverThePerUserCap_IsRefusedAndCountsNothing()
    {
        await Ledger.ReserveAsync(Request("u1", "r1", perUser: 1), default);

        Assert.Equal(RedemptionCap.PerUser, await Ledger.ReserveAsync(Request("u1", "r2", perUser: 1), default));
        Assert.Null(await Ledger.ReserveAsync(Request("u2", "r3", perUser: 1), default));
        Assert.Equal(new PromotionUsage(1, 2), await Ledger.UsageAsync(_promotion, "u1", default));
    }

    [Fact]
    public async Task Reserve_OverTheTotalCap_IsRefusedAndCountsNothing()
    {
        await Ledger.ReserveAsync(Request("u1", "r1", total: 2), default);
        await Ledger.ReserveAsync(Request("u2", "r2", total: 2), default);

        Assert.Equal(RedemptionCap.Total, await Ledger.ReserveAsync(Request("u3", "r3", total: 2), default));
        Assert.Equal(new PromotionUsage(0, 2), await Ledger.UsageAsync(_promotion, "u3", default));
    }

    [Fact]
    public async Task Reserve_SameRedemptionTwice_CountsOnce()
    {
        Assert.Null(await Ledger.ReserveAsync(Request("u1", "r1", perUser: 1, total: 1), default));

        Assert.Null(await Ledger.ReserveAsync(Request("u1", "r1", perUser: 1, total: 1), default));
        Assert.Equal(new PromotionUsage(1, 1), await Ledger.UsageAsync(_promotion, "u1", default));
    }

    [Fact]
    public async Task Release_GivesTheRedemptionBack_Once()
    {
        await Ledger.ReserveAsync(Request("u1", "r1", perUser: 1), default);
        await Ledger.ReserveAsync(Request("u2", "r2", perUser: 1), default);

        await Ledger.ReleaseAsync(_promotion, "r1", default);
        await Ledger.ReleaseAsync(_promotion, "r1", default);
        await Ledger.ReleaseAsync(_promotion, "never-reserved", default);

        Assert.Equal(new PromotionUsage(0, 1), await Ledger.UsageAsync(_promotion, "u1", default));
        Assert.Null(await Ledger.ReserveAsync(Request("u1", "r3", perUser: 1), default));
    }

    [Fact]
    public async Task Promotions_AreCountedApart()
    {
        await Ledger.ReserveAsync(Request("u1", "r1", total: 1), default);

        Assert.Null(await Ledger.ReserveAsync(Request("u1", "r1", total: 1) with { PromotionId = _promotion + "_other" }, default));
        Assert.Equal(new PromotionUsage(1, 1), await Ledger.UsageAsync(_promotion + "_other", "u1", default));
    }

    [Fact]
    public async Task TotalCap_100ConcurrentRedemptions_GrantExactlyTheCap()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Ledger.ReserveAsync(Request($"u{i}", $"r{i}", perUser: 1, total: 37), default)));

        Assert.Equal(37, answers.Count(a => a is null));
        Assert.All(answers.Where(a => a is not null), a => Assert.Equal(RedemptionCap.Total, a));
        Assert.Equal(37, (await Ledger.UsageAsync(_promotion, "u0", default)).Total);
    }

    [Fact]
    public async Task PerUserCap_100ConcurrentRedemptionsOfOneUser_GrantExactlyTheCap()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            Ledger.ReserveAsync(Request("u1", $"r{i}", perUser: 3, total: 1000), default)));

        Assert.Equal(3, answers.Count(a => a is null));
        Assert.Equal(new PromotionUsage(3, 3), await Ledger.UsageAsync(_promotion, "u1", default));
    }

    [Fact]
    public async Task ConcurrentReservationsAndReleases_KeepTheCountExact()
    {
        // 100 attempts race for 20 redemptions while every granted one in three is given back at once.
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            var refused = await Ledger.ReserveAsync(Request($"u{i % 40}", $"r{i}", perUser: 2, total: 20), default);
            if (refused is null && i % 3 == 0)
            {
                await Ledger.ReleaseAsync(_promotion, $"r{i}", default);
                return "released";
            }

            return refused is null ? "held" : "refused";
        }));

        var held = answers.Count(a => a == "held");
        Assert.InRange(held, 1, 20);
        Assert.Equal(held, (await Ledger.UsageAsync(_promotion, "u0", default)).Total);
    }

    private RedemptionRequest Request(string user, string redemption, long? perUser = null, long? total = null) =>
        new(_promotion, user, redemption, perUser, total, KeepUntil);
}
