using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters;
using PaymentCore.Limits;
using PaymentCore.PaymentMethods;
using PaymentCore.Recharges;
using PaymentCore.State;

namespace PaymentCore.Tests.State;

/// <summary>
/// The semantics every <see cref="IRechargeStore"/> must have. One suite: each store
/// implementation runs it through a subclass that only says how to make the store.
/// </summary>
public abstract class RechargeStoreConformanceTests : IAsyncLifetime
{
    private static readonly LimitRule UserCount = new("user_count_24h", LimitDimension.User, LimitMeasure.Count, TimeSpan.FromDays(1), 10);

    // Starts at the real time: Redis expires keys by its own clock, the stores decide by this one.
    protected FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    private IDisposable? _owner;

    protected IRechargeStore Store { get; private set; } = null!;

    protected IOutbox Outbox { get; private set; } = null!;

    /// <summary>The limit ledger the store reserves the user's key on with a claim.</summary>
    protected ILimitLedger Limits { get; private set; } = null!;

    public async Task InitializeAsync() => (Store, Outbox, Limits, _owner) = await CreateStoreAsync();

    public Task DisposeAsync()
    {
        _owner?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The store, its outbox and limit ledger under test, and what to dispose after the test (a Redis connection).</summary>
    protected abstract Task<(IRechargeStore Store, IOutbox Outbox, ILimitLedger Limits, IDisposable? Owner)> CreateStoreAsync();

    [Fact]
    public async Task Begin_NewKey_StoresTheRechargeAtVersionOne()
    {
        var draft = Draft();

        var start = await Store.BeginAsync(Claim("k"), draft, null, default);

        var started = Assert.IsType<IdempotentStart.Started>(start);
        Assert.False(started.Resumed);
        Assert.Equal(1, started.Recharge.Version);
        Assert.Equivalent(started.Recharge, await Store.GetAsync(draft.RechargeId, default), strict: true);
    }

    [Fact]
    public async Task Begin_SameKeyWhileLeased_IsInProgressAndWritesNothing()
    {
        await Store.BeginAsync(Claim("k"), Draft(), null, default);
        var second = Draft();

        var start = await Store.BeginAsync(Claim("k"), second, null, default);

        Assert.IsType<IdempotentStart.InProgress>(start);
        Assert.Null(await Store.GetAsync(second.RechargeId, default));
    }

    [Fact]
    public async Task Begin_SameKeyOtherFingerprint_IsKeyReused()
    {
        await Store.BeginAsync(Claim("k"), Draft(), null, default);

        var start = await Store.BeginAsync(Claim("k", fingerprint: "other"), Draft(), null, default);

        Assert.IsType<IdempotentStart.KeyReused>(start);
    }

    [Fact]
    public async Task Begin_AfterCommit_ReplaysTheSavedResponseEvenIfTheRechargeChangedLater()
    {
        var started = await StartAsync("k");
        var committed = await CommitAsync(started, RechargeStatus.Succeeded, Claim("k"));
        var disputed = RechargeStateMachine.Apply(committed, RechargeStatus.Disputed, Time.GetUtcNow()).Recharge;
        Assert.IsType<CommitResult.Committed>(await Store.CommitAsync(new RechargeCommit(disputed, null, null), default));

        var start = await Store.BeginAsync(Claim("k"), Draft(), null, default);

        var replayed = Assert.IsType<IdempotentStart.Replayed>(start);
        Assert.Equivalent(committed, replayed.Response, strict: true);
    }

    [Fact]
    public async Task Begin_AfterCommits_EachKeyReplaysTheVersionItAnsweredWith_ThoughLaterBeginsAndCommitsChangedIt()
    {
        var started = await StartAsync("create");
        var waiting = await CommitAsync(started, RechargeStatus.RequiresAction, Claim("create"));
        var confirming = RechargeStateMachine.Apply(waiting, RechargeStatus.Processing, Time.GetUtcNow()).Recharge;
        var confirm = Assert.IsType<IdempotentStart.Started>(await Store.BeginAsync(Claim("confirm"), confirming, null, default)).Recharge;
        var confirmed = await CommitAsync(confirm, RechargeStatus.Succeeded, Claim("confirm"));
        var disputed = RechargeStateMachine.Apply(confirmed, RechargeStatus.Disputed, Time.GetUtcNow()).Recharge;
        Assert.IsType<CommitResult.Committed>(await Store.CommitAsync(new RechargeCommit(disputed, null, null), default));

        var createReplay = Assert.IsType<IdempotentStart.Replayed>(await Store.BeginAsync(Claim("create"), Draft(), null, default));
        var confirmReplay = Assert.IsType<IdempotentStart.Replayed>(await Store.BeginAsync(Claim("confirm"), null, null, default));

        Assert.Equivalent(waiting, createReplay.Response, strict: true);
        Assert.Equivalent(confirmed, confirmReplay.Response, strict: true);
        Assert.Equal(RechargeStatus.Disputed, (await Store.GetAsync(started.RechargeId, default))?.Status);
    }

    [Fact]
    public async Task Commit_WalletAwaitingItsQrCode_KeepsNextActionAndInstrumentForReadsAndReplays()
    {
        var wallet = new LocalWalletInstrument(PaymentMethodType.WeChatPay, ReturnUrl: null);
        var draft = Draft() with { Gateway = "stripe", MethodType = wallet.MethodType, Instrument = RechargeInstrument.From(wallet) };
        var started = Assert.IsType<IdempotentStart.Started>(await Store.BeginAsync(Claim("k"), draft, null, default)).Recharge;
        var qrCode = new QrCode("weixin://wxpay/bizpayurl?pr=abc", new Uri("https://qr.example/abc.png"), new Uri("https://qr.example/abc.svg"));
        var waiting = RechargeStateMachine.Apply(started, RechargeStatus.RequiresAction, Time.GetUtcNow(), r => r with
        {
            GatewayReference = "pi_1",
            NextAction = new RechargeNextAction(new Uri("https://pay.example/qr/abc"), qrCode),
        });

        var committed = Assert.IsType<CommitResult.Committed>(
            await Store.CommitAsync(new RechargeCommit(waiting.Recharge, waiting.Event, Claim("k")), default)).Recharge;
        var replayed = Assert.IsType<IdempotentStart.Replayed>(await Store.BeginAsync(Claim("k"), Draft(), null, default));

        Assert.Equal(qrCode, committed.NextAction?.QrCode);
        Assert.Equal(wallet, committed.Instrument?.ToInstrument());
        Assert.Equivalent(committed, await Store.GetAsync(draft.RechargeId, default), strict: true);
        Assert.Equivalent(committed, replayed.Response, strict: true);
    }

    [Fact]
    public async Task Begin_AfterLeaseExpiry_ResumesTheRecordedRechargeOnce()
    {
        var started = await StartAsync("k");
        Time.Advance(TimeSpan.FromSeconds(31));

        var resumed = await Store.BeginAsync(Claim("k"), Draft(), null, default);
        var concurrent = await Store.BeginAsync(Claim("k"), Draft(), null, default);

        var resume = Assert.IsType<IdempotentStart.Started>(resumed);
        Assert.True(resume.Resumed);
        Assert.Equivalent(started, resume.Recharge, strict: true);
        Assert.IsType<IdempotentStart.InProgress>(concurrent);
    }

    [Fact]
    public async Task Begin_AfterRetention_TreatsTheKeyAsNew()
    {
        var started = await StartAsync("k");
        await CommitAsync(started, RechargeStatus.Succeeded, Claim("k"));
        Time.Advance(TimeSpan.FromHours(25));

        var start = await Store.BeginAsync(Claim("k"), Draft(), null, default);

        var fresh = Assert.IsType<IdempotentStart.Started>(start);
        Assert.False(fresh.Resumed);
        Assert.NotEqual(started.RechargeId, fresh.Recharge.RechargeId);
    }

    [Fact]
    public async Task Begin_NothingProposedAndNoKey_IsNothingToStart()
    {
        Assert.IsType<IdempotentStart.NothingToStart>(await Store.BeginAsync(Claim("k"), null, null, default));
    }

    [Fact]
    public async Task Begin_ChangeOfStaleVersion_IsStaleAndHoldsNoKey()
    {
        var started = await StartAsync("k");
        await CommitAsync(started, RechargeStatus.RequiresAction, Claim("k"));
        var stale = RechargeStateMachine.Apply(started, RechargeStatus.Succeeded, Time.GetUtcNow()).Recharge;

        var start = await Store.BeginAsync(Claim("k2"), stale, null, default);

        Assert.Equal(RechargeStatus.RequiresAction, Assert.IsType<IdempotentStart.Stale>(start).Current.Status);
        Assert.IsType<IdempotentStart.NothingToStart>(await Store.BeginAsync(Claim("k2"), null, null, default));
    }

    [Fact]
    public async Task Commit_FromStaleVersion_IsRefusedAndWritesNoEvent()
    {
        var started = await StartAsync("k");
        await CommitAsync(started, RechargeStatus.Succeeded, Claim("k"));

        var again = RechargeStateMachine.Apply(started, RechargeStatus.Succeeded, Time.GetUtcNow());
        var result = await Store.CommitAsync(new RechargeCommit(again.Recharge, again.Event, Claim("k")), default);

        Assert.Equal(2, Assert.IsType<CommitResult.Stale>(result).Current.Version);
        Assert.Single(await ReadAsync("w1"));
    }

    [Fact]
    public async Task Outbox_KeepsEventsInOrderPerWalletUntilAcknowledged()
    {
        var first = await CommitAsync(await StartAsync("a"), RechargeStatus.Succeeded, Claim("a"));
        var second = await CommitAsync(await StartAsync("b"), RechargeStatus.Succeeded, Claim("b"));

        var pending = await ReadAsync("w1");
        Assert.Equal([$"{first.RechargeId}:credit", $"{second.RechargeId}:credit"], pending.Select(e => e.Event.EventId));
        Assert.Equal(first.TotalCoins, pending[0].Event.Coins);

        await Outbox.AcknowledgeAsync("w1", [pending[0]], default);

        Assert.Equal([$"{second.RechargeId}:credit"], (await ReadAsync("w1")).Select(e => e.Event.EventId));
        Assert.Equal(2, (await ReadAsync("w2")).Count);
        Assert.Equal(1, await Outbox.BacklogAsync("w1", default));
    }

    [Fact]
    public async Task Outbox_EntriesOfSeveralUsersAcknowledgedTogether_AreNeverReadAgain()
    {
        var users = Enumerable.Range(0, 6).Select(i => $"ack-user-{i}").ToList();
        foreach (var user in users)
        {
            await CommitAsync(await StartAsync("k-" + user, user), RechargeStatus.Succeeded, Claim("k-" + user, user: user));
        }

        var pending = await ReadAsync("w1");
        Assert.Equal(users.Count, pending.Count);
        Assert.True(pending.Select(e => e.Shard).Distinct().Count() > 1, "the users should span several shards");

        await Outbox.AcknowledgeAsync("w1", pending.Take(4).ToList(), default);

        Assert.Equal(pending.Skip(4).Select(e => e.Event.EventId).Order(), (await ReadAsync("w1")).Select(e => e.Event.EventId).Order());
        Assert.Equal(2, await Outbox.BacklogAsync("w1", default));
    }

    [Fact]
    public async Task Outbox_TrimKeepsWhatAnyWalletStillNeeds()
    {
        await CommitAsync(await StartAsync("a"), RechargeStatus.Succeeded, Claim("a"));
        var forFirst = await ReadAsync("w1");
        await ReadAsync("w2");
        await Outbox.AcknowledgeAsync("w1", [forFirst[0]], default);

        await Outbox.TrimAsync(["w1", "w2"], default);

        Assert.Single(await ReadAsync("w2"));
        Assert.Empty(await ReadAsync("w1"));
    }

    [Fact]
    public async Task Outbox_DeadLettersWaitForAReplayThenReturn()
    {
        await CommitAsync(await StartAsync("a"), RechargeStatus.Succeeded, Claim("a"));
        var entry = Assert.Single(await ReadAsync("w1"));

        await Outbox.DeadLetterAsync("w1", entry, "wallet refused", default);

        Assert.Empty(await ReadAsync("w1"));
        Assert.Equal(1, await Outbox.DeadLetterCountAsync("w1", default));
        Assert.Equal(1, await Outbox.ReplayDeadLettersAsync("w1", default));
        Assert.Equal(0, await Outbox.DeadLetterCountAsync("w1", default));
        Assert.Equal(entry.Event.EventId, Assert.Single(await ReadAsync("w1")).Event.EventId);
    }

    [Fact]
    public async Task ListUnsettled_FindsRechargesUnchangedSinceTheThreshold()
    {
        var stuck = await StartAsync("a");
        var settled = await CommitAsync(await StartAsync("b"), RechargeStatus.Succeeded, Claim("b"));
        Time.Advance(TimeSpan.FromMinutes(5));
        var recent = await StartAsync("c");

        var unsettled = await Store.ListUnsettledAsync(Time.GetUtcNow() - TimeSpan.FromMinutes(1), 10, default);

        Assert.Equal([stuck.RechargeId], unsettled.Select(r => r.RechargeId));
        Assert.NotEqual(settled.RechargeId, recent.RechargeId);
    }

    [Fact]
    public async Task ListUnsettled_PutsARechargeLookedAtUnchangedBehindTheOthers_AndALookAtOneSettledMeanwhileChangesNothing()
    {
        var waitingForDays = await StartAsync("voucher");
        Time.Advance(TimeSpan.FromMinutes(1));
        var stuck = await StartAsync("timeout");
        var settled = await StartAsync("settled");
        Time.Advance(TimeSpan.FromMinutes(5));

        await Store.LookedAtAsync(waitingForDays, Time.GetUtcNow(), default);
        var paid = await CommitAsync(settled, RechargeStatus.Succeeded, Claim("settled"));
        await Store.LookedAtAsync(settled, Time.GetUtcNow(), default);
        var firstOfTheRest = await Store.ListUnsettledAsync(Time.GetUtcNow() - TimeSpan.FromMinutes(1), 1, default);
        var dueNow = await Store.ListUnsettledAsync(Time.GetUtcNow(), 10, default);

        Assert.Equal([stuck.RechargeId], firstOfTheRest.Select(r => r.RechargeId));
        Assert.Equal([stuck.RechargeId, waitingForDays.RechargeId], dueNow.Select(r => r.RechargeId));
        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
    }

    [Fact]
    public async Task Abandon_RemovesTheRechargeAndFreesTheKey()
    {
        var started = await StartAsync("k");

        await Store.AbandonAsync(Claim("k"), started, null, default);

        Assert.Null(await Store.GetAsync(started.RechargeId, default));
        Assert.Empty((await Store.ListByUserAsync("user-1", 10, null, default)).Recharges);
        Assert.IsType<IdempotentStart.Started>(await Store.BeginAsync(Claim("k"), Draft(), null, default));
    }

    [Fact]
    public async Task Begin_WithTheUserLimit_CountsTheAttemptOnlyWhenItStartsAFreshRecharge()
    {
        var draft = Draft();
        var fresh = Assert.IsType<IdempotentStart.Started>(await Store.BeginAsync(Claim("k"), draft, UserLimit(draft), default));
        Assert.Null(fresh.Reserved?.Breach);
        Assert.Equal(0, Assert.Single(fresh.Reserved!.Counts).Attempts);

        var inProgress = Draft();
        Assert.IsType<IdempotentStart.InProgress>(await Store.BeginAsync(Claim("k"), inProgress, UserLimit(inProgress), default));
        var reused = Draft();
        Assert.IsType<IdempotentStart.KeyReused>(await Store.BeginAsync(Claim("k", fingerprint: "other"), reused, UserLimit(reused), default));
        Time.Advance(TimeSpan.FromSeconds(31));
        var retry = Draft();
        var resumed = Assert.IsType<IdempotentStart.Started>(await Store.BeginAsync(Claim("k"), retry, UserLimit(retry), default));
        await CommitAsync(resumed.Recharge, RechargeStatus.Succeeded, Claim("k"));
        var replay = Draft();
        Assert.IsType<IdempotentStart.Replayed>(await Store.BeginAsync(Claim("k"), replay, UserLimit(replay), default));

        Assert.True(resumed.Resumed);
        Assert.Null(resumed.Reserved);
        Assert.Equal(1, await UserAttemptsAsync());
    }

    [Fact]
    public async Task Begin_RefusedByTheUserLimit_WritesNothingAndHoldsNoKey()
    {
        var first = Draft();
        await Store.BeginAsync(Claim("k1"), first, UserLimit(first, limit: 1), default);
        var second = Draft();

        var start = await Store.BeginAsync(Claim("k2"), second, UserLimit(second, limit: 1), default);

        var refused = Assert.IsType<IdempotentStart.Refused>(start);
        Assert.Equal(UserCount.Name, refused.Decision.Breach?.Rule.Name);
        Assert.Null(await Store.GetAsync(second.RechargeId, default));
        Assert.Single((await Store.ListByUserAsync("user-1", 10, null, default)).Recharges);
        Assert.IsType<IdempotentStart.NothingToStart>(await Store.BeginAsync(Claim("k2"), null, null, default));
        Assert.Equal(1, await UserAttemptsAsync());
    }

    [Fact]
    public async Task Abandon_GivesBackWhatBeginReservedOnTheUserLimit()
    {
        var draft = Draft();
        var reservation = UserLimit(draft);
        var started = Assert.IsType<IdempotentStart.Started>(await Store.BeginAsync(Claim("k"), draft, reservation, default)).Recharge;

        await Store.AbandonAsync(Claim("k"), started, reservation, default);

        Assert.Equal(0, await UserAttemptsAsync());
        Assert.Null(await Store.GetAsync(started.RechargeId, default));
    }

    [Fact]
    public async Task UserLimitRace_ConcurrentFreshBeginsOfOneUser_ExactlyTheLimitStart()
    {
        var drafts = Enumerable.Range(0, 40).Select(_ => Draft()).ToList();

        var starts = await Task.WhenAll(drafts.Select((d, i) => Store.BeginAsync(Claim($"race-{i}"), d, UserLimit(d, limit: 5), default)));

        Assert.Equal(5, starts.OfType<IdempotentStart.Started>().Count());
        Assert.Equal(35, starts.OfType<IdempotentStart.Refused>().Count());
        Assert.Equal(5, (await Store.ListByUserAsync("user-1", 100, null, default)).Recharges.Count);
        Assert.Equal(5, await UserAttemptsAsync(limit: 5));
    }

    [Fact]
    public async Task DuplicateStorm_OneBeginStartsAndTheOthersSeeItInProgress()
    {
        var starts = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Store.BeginAsync(Claim("storm"), Draft(), null, default)));

        Assert.Single(starts.OfType<IdempotentStart.Started>());
        Assert.Equal(49, starts.OfType<IdempotentStart.InProgress>().Count());
        Assert.Single((await Store.ListByUserAsync("user-1", 100, null, default)).Recharges);
    }

    [Fact]
    public async Task ListByUser_PagesNewestFirstAndSeparatesUsers()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await StartAsync($"k{i}")).RechargeId);
            Time.Advance(TimeSpan.FromMilliseconds(1));
        }

        await StartAsync("other", user: "someone-else");

        var first = await Store.ListByUserAsync("user-1", 2, null, default);
        var second = await Store.ListByUserAsync("user-1", 2, first.NextCursor, default);
        var third = await Store.ListByUserAsync("user-1", 2, second.NextCursor, default);

        Assert.Equal(Enumerable.Reverse(ids), first.Recharges.Concat(second.Recharges).Concat(third.Recharges).Select(r => r.RechargeId));
        Assert.Null(third.NextCursor);
    }

    /// <summary>A count limit of user-1 (10 attempts a day unless said otherwise) for the draft's attempt.</summary>
    private LimitToReserve UserLimit(Recharge draft, long limit = 10) => new(
        new LimitCheck(LimitKeys.User(draft.UserId), [UserCount with { Limit = limit }], draft.RechargeId, 100, Time.GetUtcNow(), CountWindows: [TimeSpan.FromDays(1)]),
        TimeSpan.FromDays(30));

    private async Task<long> UserAttemptsAsync(long limit = 10) =>
        Assert.Single(await Limits.UsageAsync(new LimitCheck(LimitKeys.User("user-1"), [UserCount with { Limit = limit }], "probe", 0, Time.GetUtcNow()), default)).Used;

    private Task<IReadOnlyList<OutboxEntry>> ReadAsync(string wallet) =>
        Outbox.ReadAsync(wallet, "consumer-1", ShardSelection.All, 100, default);

    private Recharge Draft(string user = "user-1") => Infrastructure.SampleRecharge.Draft(user, Time.GetUtcNow());

    private IdempotencyClaim Claim(string key, string fingerprint = "fp", string user = "user-1") => new(
        user,
        IdempotencyScope.KeyFor("caller", user, key),
        fingerprint,
        Time.GetUtcNow() + TimeSpan.FromSeconds(30),
        Time.GetUtcNow() + TimeSpan.FromHours(24));

    private async Task<Recharge> StartAsync(string key, string user = "user-1")
    {
        var start = await Store.BeginAsync(Claim(key, user: user), Draft(user), null, default);
        return Assert.IsType<IdempotentStart.Started>(start).Recharge;
    }

    private async Task<Recharge> CommitAsync(Recharge recharge, RechargeStatus to, IdempotencyClaim claim)
    {
        var transition = RechargeStateMachine.Apply(recharge, to, Time.GetUtcNow());
        var result = await Store.CommitAsync(new RechargeCommit(transition.Recharge, transition.Event, claim), default);
        return Assert.IsType<CommitResult.Committed>(result).Recharge;
    }
}

