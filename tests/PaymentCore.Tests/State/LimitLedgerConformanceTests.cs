using Microsoft.Extensions.Time.Testing;
using PaymentCore.Limits;

namespace PaymentCore.Tests.State;

/// <summary>The semantics every <see cref="ILimitLedger"/> must have; one suite for every implementation.</summary>
public abstract class LimitLedgerConformanceTests : IAsyncLifetime
{
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(30);
    private static readonly LimitRule DailyAmount = new("user_amount_24h", LimitDimension.User, LimitMeasure.Amount, TimeSpan.FromDays(1), 1000);
    private static readonly LimitRule TenMinuteCount = new("user_count_10m", LimitDimension.User, LimitMeasure.Count, TimeSpan.FromMinutes(10), 3);
    private IDisposable? _owner;

    protected FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected ILimitLedger Ledger { get; private set; } = null!;

    public async Task InitializeAsync() => (Ledger, _owner) = await CreateLedgerAsync();

    public Task DisposeAsync()
    {
        _owner?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The ledger under test, and what to dispose after the test (a Redis connection).</summary>
    protected abstract Task<(ILimitLedger Ledger, IDisposable? Owner)> CreateLedgerAsync();

    [Fact]
    public async Task Reserve_WithinLimits_CountsAttemptAndAmount()
    {
        Assert.Null(await ReserveAsync(Check("e1", 400)));

        var usage = await Ledger.UsageAsync(Check("probe", 0), default);

        Assert.Equal(400, usage.Single(u => u.Rule == DailyAmount).Used);
        Assert.Equal(600, usage.Single(u => u.Rule == DailyAmount).Remaining);
        Assert.Equal(1, usage.Single(u => u.Rule == TenMinuteCount).Used);
    }

    [Fact]
    public async Task Reserve_OverAmount_IsRefusedWithRetryWhenTheOldestRollsOff()
    {
        await ReserveAsync(Check("e1", 600));
        Time.Advance(TimeSpan.FromHours(1));

        var breach = await ReserveAsync(Check("e2", 500));

        Assert.NotNull(breach);
        Assert.Equal("user_amount_24h", breach.Rule.Name);
        Assert.Equal(TimeSpan.FromHours(23), breach.RetryAfter);
        Assert.Equal(600, (await Ledger.UsageAsync(Check("probe", 0), default)).Single(u => u.Rule == DailyAmount).Used);
    }

    [Fact]
    public async Task Reserve_OverCount_IsRefusedAndCountsNothing()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await ReserveAsync(Check($"e{i}", 1)));
            Time.Advance(TimeSpan.FromMinutes(1));
        }

        var breach = await ReserveAsync(Check("e3", 1));

        Assert.Equal("user_count_10m", breach?.Rule.Name);
        Assert.Equal(TimeSpan.FromMinutes(7), breach?.RetryAfter);
        Assert.Equal(3, (await Ledger.UsageAsync(Check("probe", 0), default)).Single(u => u.Rule == TenMinuteCount).Used);
    }

    [Fact]
    public async Task Windows_RollOff()
    {
        await ReserveAsync(Check("e1", 1000));
        Assert.NotNull(await ReserveAsync(Check("e2", 1)));

        Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMilliseconds(1));

        Assert.Null(await ReserveAsync(Check("e3", 1000)));
    }

    [Fact]
    public async Task Release_GivesTheAmountBackButTheAttemptStaysCounted()
    {
        await ReserveAsync(Check("e1", 700));

        await Ledger.ReleaseAsync(LimitKeys.User("u1"), "e1", 700, LimitRelease.Failed, default);

        var usage = await Ledger.UsageAsync(Check("probe", 0), default);
        Assert.Equal(0, usage.Single(u => u.Rule == DailyAmount).Used);
        Assert.Equal(1, usage.Single(u => u.Rule == TenMinuteCount).Used);
    }

    [Fact]
    public async Task Cancel_GivesAttemptAndAmountBack()
    {
        await ReserveAsync(Check("e1", 700));

        await Ledger.ReleaseAsync(LimitKeys.User("u1"), "e1", 700, LimitRelease.NotAttempted, default);

        Assert.All(await Ledger.UsageAsync(Check("probe", 0), default), u => Assert.Equal(0, u.Used));
    }

    [Fact]
    public async Task ConcurrentSpending_NeverOvershootsTheLimit()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            ReserveAsync(Check($"e{i}", 10, rules: [DailyAmount]))));

        Assert.Equal(100, attempts.Count(a => a is null));
        Assert.Equal(1000, (await Ledger.UsageAsync(Check("probe", 0), default)).Single(u => u.Rule == DailyAmount).Used);
    }

    [Fact]
    public async Task Budget_LoweredAppliesAtOnceAndIsEnforced()
    {
        var budget = await Ledger.UpdateBudgetAsync("u1", b => b.Request(300, Time.GetUtcNow(), TimeSpan.FromDays(1)), default);
        Assert.Equal(300, budget.Effective);
        await ReserveAsync(Check("e1", 200));

        var breach = await ReserveAsync(Check("e2", 200));

        Assert.Equal("user_budget_30d", breach?.Rule.Name);
        var usage = await Ledger.UsageAsync(Check("probe", 0), default);
        var budgetUsage = usage.Single(u => u.Rule.Name == "user_budget_30d");
        Assert.Equal(300, budgetUsage.Rule.Limit);
        Assert.Equal(200, budgetUsage.Used);
    }

    [Fact]
    public async Task Budget_RaisedWaitsForTheCoolingOffPeriod()
    {
        await Ledger.UpdateBudgetAsync("u1", b => b.Request(300, Time.GetUtcNow(), TimeSpan.FromDays(1)), default);

        var raised = await Ledger.UpdateBudgetAsync("u1", b => b.Request(900, Time.GetUtcNow(), TimeSpan.FromDays(1)), default);

        Assert.Equal(300, raised.Effective);
        Assert.Equal(900, raised.Pending);
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromDays(1), raised.PendingAt);
        Assert.NotNull(await ReserveAsync(Check("e1", 400)));

        Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(900, (await Ledger.GetBudgetAsync("u1", default)).Effective);
        Assert.Null(await ReserveAsync(Check("e2", 400)));
    }

    [Fact]
    public async Task Budget_AppliesOnlyToTheUsersOwnKey()
    {
        await Ledger.UpdateBudgetAsync("u1", b => b.Request(100, Time.GetUtcNow(), TimeSpan.FromDays(1)), default);
        var ip = new LimitCheck(LimitKeys.Ip("203.0.113.9"), [DailyAmount with { Dimension = LimitDimension.Ip }], "e1", 500, Time.GetUtcNow());

        Assert.Null(await ReserveAsync(ip));
    }

    [Fact]
    public async Task Reserve_ReportsWindowCountsFromBeforeTheAttempt()
    {
        await ReserveAsync(Check("e1", 300));
        Time.Advance(TimeSpan.FromMinutes(20));
        await ReserveAsync(Check("e2", 200));
        Time.Advance(TimeSpan.FromMinutes(1));
        var windows = new[] { TimeSpan.FromMinutes(10), TimeSpan.FromHours(1) };

        var decision = await Ledger.ReserveAsync(Check("e3", 100) with { CountWindows = windows }, Horizon, default);

        Assert.Null(decision.Breach);
        Assert.Equal([new WindowCount(windows[0], 1, 200, 1, 0, 0), new WindowCount(windows[1], 2, 500, 2, 0, 0)], decision.Counts);
    }

    [Fact]
    public async Task Counts_ChargesAndDeclinesAndOtherFailuresAddUpToTheAttempts()
    {
        await ReserveAsync(Check("in-flight", 100, rules: []) with { Instrument = CardA });
        await ReserveAsync(Check("succeeded", 200, rules: []) with { Instrument = CardA });
        await ReserveAsync(Check("declined", 400, rules: []) with { Instrument = CardB });
        await ReserveAsync(Check("blocked", 800, rules: []) with { Instrument = CardC });
        await Ledger.ReleaseAsync(LimitKeys.User("u1"), "declined", 400, LimitRelease.Declined, default);
        await Ledger.ReleaseAsync(LimitKeys.User("u1"), "blocked", 800, LimitRelease.Failed, default);

        var count = await CountAsync(LimitKeys.User("u1"), TimeSpan.FromMinutes(10));

        // Failed and declined attempts keep their instruments: a declined card was still tried.
        Assert.Equal(new WindowCount(TimeSpan.FromMinutes(10), Attempts: 4, Amount: 300, Charges: 2, Declines: 1, DistinctInstruments: 3), count);
    }

    [Fact]
    public async Task Decline_CountsAtTheAttemptsTimeAndRollsOffWithIt()
    {
        await ReserveAsync(Check("e1", 100));
        Time.Advance(TimeSpan.FromMinutes(50));
        await Ledger.ReleaseAsync(LimitKeys.User("u1"), "e1", 100, LimitRelease.Declined, default);
        Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));

        var lastMoment = await CountAsync(LimitKeys.User("u1"), TimeSpan.FromHours(1));
        Time.Advance(TimeSpan.FromMilliseconds(1));
        var rolledOff = await CountAsync(LimitKeys.User("u1"), TimeSpan.FromHours(1));

        Assert.Equal((1, 1, 0), (lastMoment.Attempts, lastMoment.Declines, lastMoment.Charges));
        Assert.Equal((0, 0, 0), (rolledOff.Attempts, rolledOff.Declines, rolledOff.Charges));
    }

    [Fact]
    public async Task Decline_OfAnAttemptNeverCountedRecordsNothing()
    {
        await Ledger.ReleaseAsync(LimitKeys.User("u1"), "unknown", 100, LimitRelease.Declined, default);

        Assert.Equal(0, (await CountAsync(LimitKeys.User("u1"), TimeSpan.FromHours(1))).Declines);
    }

    [Fact]
    public async Task DistinctInstruments_CountEachInstrumentOnceOverTheWindow()
    {
        var device = LimitKeys.Device("device-1");
        await ReserveAsync(DeviceCheck(device, "e1", CardA));
        Time.Advance(TimeSpan.FromMinutes(5));
        await ReserveAsync(DeviceCheck(device, "e2", CardB));
        Time.Advance(TimeSpan.FromMinutes(1));
        await ReserveAsync(DeviceCheck(device, "e3", CardA));
        await ReserveAsync(DeviceCheck(device, "e4", instrument: null));
        Time.Advance(TimeSpan.FromMinutes(4));
        TimeSpan[] windows = [TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];

        // Ten minutes after e1: e1 has just left the 10 min window, but card A is still in it through e3.
        var atTen = await CountsAsync(device, windows);
        Time.Advance(TimeSpan.FromMinutes(5));
        var atFifteen = await CountsAsync(device, windows);

        Assert.Equal([(3, 2), (4, 2)], atTen.Select(c => (c.Attempts, c.DistinctInstruments)));
        Assert.Equal([(2, 1), (4, 2)], atFifteen.Select(c => (c.Attempts, c.DistinctInstruments)));
    }

    [Fact]
    public async Task Cancel_ForgetsOnlyThatAttemptsInstrument()
    {
        // Both attempts in the same millisecond with the same card: the cancelled one's use goes, the other's stays.
        await ReserveAsync(Check("kept", 100) with { Instrument = CardA });
        await ReserveAsync(Check("cancelled", 100) with { Instrument = CardA });
        await ReserveAsync(Check("cancelled-b", 100) with { Instrument = CardB });

        await Ledger.ReleaseAsync(LimitKeys.User("u1"), "cancelled", 100, LimitRelease.NotAttempted, default);
        await Ledger.ReleaseAsync(LimitKeys.User("u1"), "cancelled-b", 100, LimitRelease.NotAttempted, default);

        var count = await CountAsync(LimitKeys.User("u1"), TimeSpan.FromMinutes(10));
        Assert.Equal((1, 1, 1), (count.Attempts, count.Charges, count.DistinctInstruments));
    }

    [Fact]
    public async Task Reserve_RefusedRecordsNoInstrument()
    {
        await ReserveAsync(Check("e1", 1000) with { Instrument = CardA });

        Assert.NotNull(await ReserveAsync(Check("e2", 1) with { Instrument = CardB }));

        Assert.Equal(1, (await CountAsync(LimitKeys.User("u1"), TimeSpan.FromMinutes(10))).DistinctInstruments);
    }

    private static readonly string CardA = LimitKeys.Instrument("card:tok_a");
    private static readonly string CardB = LimitKeys.Instrument("card:tok_b");
    private static readonly string CardC = LimitKeys.Instrument("card:tok_c");

    private async Task<LimitBreach?> ReserveAsync(LimitCheck check) => (await Ledger.ReserveAsync(check, Horizon, default)).Breach;

    private async Task<WindowCount> CountAsync(string key, TimeSpan window) => (await CountsAsync(key, [window])).Single();

    /// <summary>The counts a new attempt on <paramref name="key"/> would see now; the probe attempt itself is cancelled.</summary>
    private async Task<IReadOnlyList<WindowCount>> CountsAsync(string key, IReadOnlyList<TimeSpan> windows)
    {
        var probe = "probe-" + Guid.NewGuid().ToString("N");
        var decision = await Ledger.ReserveAsync(new LimitCheck(key, [], probe, 0, Time.GetUtcNow(), CountWindows: windows), Horizon, default);
        await Ledger.ReleaseAsync(key, probe, 0, LimitRelease.NotAttempted, default);
        return decision.Counts;
    }

    private LimitCheck DeviceCheck(string device, string entryId, string? instrument) =>
        new(device, [], entryId, 100, Time.GetUtcNow(), LimitDimension.Device, Instrument: instrument);

    private LimitCheck Check(string entryId, long amount, IReadOnlyList<LimitRule>? rules = null) =>
        new(LimitKeys.User("u1"), rules ?? [DailyAmount, TenMinuteCount], entryId, amount, Time.GetUtcNow());
}
