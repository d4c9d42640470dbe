using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PaymentCore.Limits;
using PaymentCore.Recharges;
using PaymentCore.State;
using PaymentCore.Stores.InMemory;

namespace PaymentCore.Tests.Ledger;

/// <summary>
/// The embedded store's bounded window: settled recharges beyond the capacity go (with a ledger,
/// only once drained), unsettled ones and unanswered idempotency claims never do; idempotency
/// records go once their retention passed and limit keys a horizon after their last entry.
/// </summary>
public sealed class InMemoryWindowTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task SettledBeyondCapacity_TheOldestGo_UnsettledAllStay()
    {
        var store = Store(capacity: 3);
        var waiting = new List<Recharge>();
        for (var i = 0; i < 5; i++)
        {
            waiting.Add(await StartAsync(store, $"w{i}"));
        }

        var settled = new List<Recharge>();
        for (var i = 0; i < 10; i++)
        {
            settled.Add(await SettleAsync(store, await StartAsync(store, $"s{i}"), $"s{i}"));
        }

        foreach (var gone in settled.Take(7))
        {
            Assert.Null(await store.GetAsync(gone.RechargeId, default));
        }

        foreach (var recharge in settled.Skip(7).Concat(waiting))
        {
            Assert.NotNull(await store.GetAsync(recharge.RechargeId, default));
        }

        Assert.Equal(3 + 5, (await store.ListByUserAsync("user-1", 100, null, default)).Recharges.Count);
    }

    [Fact]
    public async Task WithALedger_ASettledRechargeStaysUntilDrained()
    {
        var feed = new InMemoryLedgerFeed(_time, new ShardDoorbells());
        var store = Store(capacity: 1, feed);
        var first = await SettleAsync(store, await StartAsync(store, "a"), "a");
        var second = await SettleAsync(store, await StartAsync(store, "b"), "b");

        Assert.NotNull(await store.GetAsync(first.RechargeId, default));

        var entries = await feed.ReadAsync("one", ShardSelection.All, 100, default);
        await feed.AcknowledgeAsync(entries, default);

        Assert.Null(await store.GetAsync(first.RechargeId, default));
        Assert.NotNull(await store.GetAsync(second.RechargeId, default));
        Assert.Null(await feed.OldestUndrainedAsync(default));
    }

    [Fact]
    public async Task ReplayAfterEviction_StillAnswersTheSavedResponse_NoSecondCharge()
    {
        var store = Store(capacity: 1);
        var first = await SettleAsync(store, await StartAsync(store, "a"), "a");
        await SettleAsync(store, await StartAsync(store, "b"), "b");
        Assert.Null(await store.GetAsync(first.RechargeId, default));

        var again = await store.BeginAsync(Claim("a"), Draft(), null, default);

        Assert.Equal(first.RechargeId, Assert.IsType<IdempotentStart.Replayed>(again).Response.RechargeId);
    }

    [Fact]
    public async Task IdempotencyRecords_GoOnceTheirRetentionPassed_AndTheirKeysStartAfresh()
    {
        var store = Store(capacity: 100);
        for (var i = 0; i < 5; i++)
        {
            await SettleAsync(store, await StartAsync(store, $"k{i}"), $"k{i}");
        }

        Assert.Equal(5, store.IdempotencyRecordCount);

        _time.Advance(TimeSpan.FromHours(24));
        await SettleAsync(store, await StartAsync(store, "late"), "late");

        Assert.Equal(1, store.IdempotencyRecordCount);
        Assert.IsType<IdempotentStart.Started>(await store.BeginAsync(Claim("k0"), Draft(), null, default));
    }

    [Fact]
    public async Task LimitKeys_GoAHorizonAfterTheirLastEntry_ThoseWrittenSinceStay()
    {
        var limits = new InMemoryLimitLedger(_time);
        var horizon = TimeSpan.FromHours(1);
        var rule = new LimitRule("user_count_1h", LimitDimension.User, LimitMeasure.Count, horizon, 10);
        LimitCheck Check(string user) => new(LimitKeys.User(user), [rule], Guid.NewGuid().ToString("N"), 100, _time.GetUtcNow());
        for (var i = 0; i < 5; i++)
        {
            await limits.ReserveAsync(Check($"user-{i}"), horizon, default);
        }

        _time.Advance(TimeSpan.FromMinutes(30));
        await limits.ReserveAsync(Check("user-0"), horizon, default);
        _time.Advance(TimeSpan.FromMinutes(30));
        await limits.ReserveAsync(Check("user-new"), horizon, default);

        Assert.Equal(2, limits.KeyCount);
        Assert.Equal(1, Assert.Single(await limits.UsageAsync(Check("user-0"), default)).Used);
    }

    private InMemoryRechargeStore Store(int capacity, InMemoryLedgerFeed? feed = null) =>
        new(_time, new InMemoryOutbox(new ShardDoorbells()), new InMemoryLimitLedger(_time), Options.Create(new InMemoryStoreOptions { SettledCapacity = capacity }), feed);

    private async Task<Recharge> StartAsync(InMemoryRechargeStore store, string key) =>
        Assert.IsType<IdempotentStart.Started>(await store.BeginAsync(Claim(key), Draft(), null, default)).Recharge;

    private async Task<Recharge> SettleAsync(InMemoryRechargeStore store, Recharge recharge, string key)
    {
        var transition = RechargeStateMachine.Apply(recharge, RechargeStatus.Succeeded, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMilliseconds(1));
        return Assert.IsType<CommitResult.Committed>(await store.CommitAsync(new RechargeCommit(transition.Recharge, transition.Event, Claim(key)), default)).Recharge;
    }

    private Recharge Draft() => LedgerTestDatabase.Draft("user-1", _time.GetUtcNow()) with { Version = 0 };

    private IdempotencyClaim Claim(string key) => new(
        "user-1", IdempotencyScope.KeyFor("caller", "user-1", key), "fp", _time.GetUtcNow() + TimeSpan.FromSeconds(30), _time.GetUtcNow() + TimeSpan.FromHours(24));
}
