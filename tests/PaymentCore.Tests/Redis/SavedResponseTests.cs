using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PaymentCore.Recharges;
using PaymentCore.State;
using PaymentCore.Stores.Redis;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.State;

namespace PaymentCore.Tests.Redis;

/// <summary>
/// What Redis holds for a saved response (issue 17): the idempotency record points at the version
/// of the recharge it answered with instead of holding a copy of it; the recharge keeps that version's
/// json only once a later change overwrote it, and only while a record may still replay it.
/// </summary>
[Collection(RedisSingleNodeCollection.Name)]
public sealed class SavedResponseTests(RedisSingleNodeFixture redis) : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly RedisConnection _connection = new(
        Options.Create(new RedisOptions { Configuration = redis.Configuration + TestRedisTimeouts.Suffix, KeyPrefix = RedisSettings.NewPrefix() }),
        Options.Create(new PaymentCore.Modes.ModeOptions()));

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task TheRecordPointsAtTheVersion_AndTheAnsweredJsonIsKeptOnlyWhileARecordMayReplayIt()
    {
        var store = new RedisRechargeStore(_connection, _time);
        var claim = Claim("k");
        var started = Assert.IsType<IdempotentStart.Started>(await store.BeginAsync(claim, SampleRecharge.Draft("user-1", _time.GetUtcNow()), null, default)).Recharge;
        var answered = await CommitAsync(store, started, RechargeStatus.Succeeded, claim);
        var record = await FieldsAsync(_connection.Keys.Idempotency(claim));
        var recharge = _connection.Keys.Recharge(answered.RechargeId);

        Assert.Equal("2", record["rv"]);
        Assert.DoesNotContain("resp", record.Keys);
        var answeredJson = (await FieldsAsync(recharge))["j"];
        Assert.DoesNotContain("j2", (await FieldsAsync(recharge)).Keys);

        var disputed = await CommitAsync(store, answered, RechargeStatus.Disputed, null);
        Assert.Equal(answeredJson, (await FieldsAsync(recharge))["j2"]);
        Assert.Equivalent(answered, Assert.IsType<IdempotentStart.Replayed>(await store.BeginAsync(claim, null, null, default)).Response, strict: true);

        _time.Advance(TimeSpan.FromHours(25));
        await CommitAsync(store, disputed, RechargeStatus.Succeeded, null);

        Assert.Equal(["j", "v"], (await FieldsAsync(recharge)).Keys.Order());
    }

    [Fact]
    public async Task CompletingTheRecord_KeepsItsExpiry_UnlessTheCompletingClaimKeepsItLonger()
    {
        var store = new RedisRechargeStore(_connection, _time);
        var first = Claim("first");
        var resumedLater = Claim("resumed") with { RetainUntil = _time.GetUtcNow() + TimeSpan.FromHours(30) };
        var firstRecharge = Assert.IsType<IdempotentStart.Started>(await store.BeginAsync(first, SampleRecharge.Draft("user-1", _time.GetUtcNow()), null, default)).Recharge;
        var laterRecharge = Assert.IsType<IdempotentStart.Started>(await store.BeginAsync(Claim("resumed"), SampleRecharge.Draft("user-1", _time.GetUtcNow()), null, default)).Recharge;

        await CommitAsync(store, firstRecharge, RechargeStatus.Succeeded, first);
        await CommitAsync(store, laterRecharge, RechargeStatus.Succeeded, resumedLater);

        await AssertKeptUntilAsync(first, first.RetainUntil);
        await AssertKeptUntilAsync(resumedLater, resumedLater.RetainUntil);
    }

    private async Task AssertKeptUntilAsync(IdempotencyClaim claim, DateTimeOffset until)
    {
        var key = _connection.Keys.Idempotency(claim);
        Assert.Equal(until.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), (await FieldsAsync(key))["until"]);
        var expiry = await _connection.Database.KeyExpireTimeAsync(key);
        Assert.Equal(until.ToUnixTimeMilliseconds(), new DateTimeOffset(expiry!.Value).ToUnixTimeMilliseconds());
    }

    private async Task<Dictionary<string, string>> FieldsAsync(StackExchange.Redis.RedisKey key) =>
        (await _connection.Database.HashGetAllAsync(key)).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());

    private async Task<Recharge> CommitAsync(RedisRechargeStore store, Recharge recharge, RechargeStatus to, IdempotencyClaim? claim)
    {
        var transition = RechargeStateMachine.Apply(recharge, to, _time.GetUtcNow());
        return Assert.IsType<CommitResult.Committed>(await store.CommitAsync(new RechargeCommit(transition.Recharge, transition.Event, claim), default)).Recharge;
    }

    private IdempotencyClaim Claim(string key) => new(
        "user-1",
        IdempotencyScope.KeyFor("caller", "user-1", key),
        "fp",
        _time.GetUtcNow() + TimeSpan.FromSeconds(30),
        _time.GetUtcNow() + TimeSpan.FromHours(24));
}
