using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Api.V1;
using PaymentCore.State;
using PaymentCore.Stores.Redis;
using PaymentCore.Tests.Infrastructure;
using StackExchange.Redis;

namespace PaymentCore.Tests.Ledger;

/// <summary>
/// Redis holds the hot part only: after a (shortened) hot retention settled recharges leave Redis,
/// and every read answers as before from the ledger; an old recharge can still be refunded.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class LedgerReadThroughTests(LedgerFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan HotRetention = TimeSpan.FromSeconds(2);

    private LedgerTestDatabase _ledger = null!;

    public async Task InitializeAsync() => _ledger = await LedgerTestDatabase.CreateAsync(fixture.Postgres);

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task AfterHotRetention_RedisLetsSettledRechargesGo_AndGetListRefundAndGatewayLookupAnswerFromTheLedger()
    {
        await using var server = await PaymentCoreServer.StartAsync(LedgerSettings.For(fixture.Redis.Endpoint, _ledger.ConnectionString, hotRetention: HotRetention));
        var user = Requests.NewUser();
        var created = new List<Recharge>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await server.Recharges.CreateRechargeAsync(Requests.Create(user: user))).Recharge);
        }

        var hot = server.Services.GetRequiredService<RedisRechargeStore>();
        var gatewayReference = (await hot.GetAsync(created[0].RechargeId, default))!.GatewayReference!;
        var pagesBefore = await PagesAsync(server, user, pageSize: 2);
        var readsBefore = await ReadAllAsync(server, created);
        Assert.Equal(3, pagesBefore.Count);

        await LedgerAssert.LandedOnceAsync(_ledger, hot, created.Select(r => r.RechargeId).ToList());
        var redis = server.Services.GetRequiredService<RedisConnection>();
        await Eventually.ReturnsAsync(
            async () => (await Task.WhenAll(created.Select(r => hot.GetAsync(r.RechargeId, default)))).Count(r => r is not null)
                + await redis.Database.SortedSetLengthAsync(redis.Keys.UserIndex(user)),
            held => held == 0,
            TimeSpan.FromSeconds(30));

        Assert.Equal(readsBefore, await ReadAllAsync(server, created));
        Assert.Equal(pagesBefore, await PagesAsync(server, user, pageSize: 2));
        var store = server.Services.GetRequiredService<IRechargeStore>();
        Assert.Equal(created[0].RechargeId, await store.FindByGatewayReferenceAsync(created[0].Gateway, gatewayReference, default));

        var refunded = (await server.Recharges.RefundRechargeAsync(new RefundRechargeRequest { IdempotencyKey = "refund-old", RechargeId = created[1].RechargeId, Reason = "customer asked" })).Recharge;
        Assert.Equal(RechargeStatus.Refunded, refunded.Status);
        Assert.Equal(RechargeStatus.Refunded, (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = created[1].RechargeId })).Recharge.Status);
        await Eventually.ReturnsAsync(
            () => _ledger.ScalarAsync<string>("select status from recharges where recharge_id = @id", ("id", created[1].RechargeId)),
            status => status == "REFUNDED");

        // A new, hot recharge is listed first, the cold ones after it, in the same order as before.
        var fresh = (await server.Recharges.CreateRechargeAsync(Requests.Create(user: user))).Recharge;
        var listed = (await PagesAsync(server, user, pageSize: 4)).SelectMany(p => p.Ids).ToList();
        Assert.Equal([fresh.RechargeId, .. pagesBefore.SelectMany(p => p.Ids)], listed);
    }

    [Fact]
    public async Task AfterHotRetention_AReplayAnswersTheSavedVersionFromTheLedger_EvenAfterALaterRefund()
    {
        await using var server = await PaymentCoreServer.StartAsync(LedgerSettings.For(fixture.Redis.Endpoint, _ledger.ConnectionString, hotRetention: HotRetention));
        var request = Requests.Create();
        var first = await server.Recharges.CreateRechargeAsync(request);
        await server.Recharges.RefundRechargeAsync(new RefundRechargeRequest { IdempotencyKey = "refund-later", RechargeId = first.Recharge.RechargeId, Reason = "customer asked" });
        var hot = server.Services.GetRequiredService<RedisRechargeStore>();
        await LedgerAssert.LandedOnceAsync(_ledger, hot, [first.Recharge.RechargeId]);
        await Eventually.ReturnsAsync(() => hot.GetAsync(first.Recharge.RechargeId, default), r => r is null, TimeSpan.FromSeconds(30));

        var replay = server.Recharges.CreateRechargeAsync(request);

        Assert.Equal(first, await replay);
        Assert.Equal("true", (await replay.ResponseHeadersAsync).GetValue("idempotent-replayed"));
        Assert.Equal(1, server.Sandbox.ChargeCount);
    }

    [Fact]
    public async Task UnsettledRecharge_NeverExpires()
    {
        await using var server = await PaymentCoreServer.StartAsync(LedgerSettings.For(fixture.Redis.Endpoint, _ledger.ConnectionString, hotRetention: HotRetention));
        var waiting = (await server.Recharges.CreateRechargeAsync(Requests.Create(token: "sandbox_3ds"))).Recharge;
        var settled = (await server.Recharges.CreateRechargeAsync(Requests.Create())).Recharge;
        Assert.Equal(RechargeStatus.RequiresAction, waiting.Status);
        var hot = server.Services.GetRequiredService<RedisRechargeStore>();
        await LedgerAssert.LandedOnceAsync(_ledger, hot, [waiting.RechargeId, settled.RechargeId]);

        // The settled one leaving Redis is the known quiet state: the unsettled one was drained as long ago.
        await Eventually.ReturnsAsync(() => hot.GetAsync(settled.RechargeId, default), r => r is null, TimeSpan.FromSeconds(30));

        var redis = server.Services.GetRequiredService<RedisConnection>();
        Assert.NotNull(await hot.GetAsync(waiting.RechargeId, default));
        Assert.Null(await redis.Database.KeyTimeToLiveAsync(redis.Keys.Recharge(waiting.RechargeId)));
    }

    private static async Task<List<string>> ReadAllAsync(PaymentCoreServer server, List<Recharge> recharges) =>
        (await Task.WhenAll(recharges.Select(async r => (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = r.RechargeId })).Recharge.ToString())))
        .ToList();

    private static async Task<List<Page>> PagesAsync(PaymentCoreServer server, string user, int pageSize)
    {
        var pages = new List<Page>();
        var token = string.Empty;
        do
        {
            var page = await server.Recharges.ListRechargesAsync(new ListRechargesRequest { UserId = user, PageSize = pageSize, PageToken = token });
            pages.Add(new Page(page.Recharges.Select(r => r.RechargeId).ToList(), page.NextPageToken));
            token = page.NextPageToken;
        }
        while (token != string.Empty);

        return pages;
    }

    private sealed record Page(List<string> Ids, string Next)
    {
        public bool Equals(Page? other) => other is not null && Ids.SequenceEqual(other.Ids) && Next == other.Next;

        public override int GetHashCode() => Next.GetHashCode(StringComparison.Ordinal);
    }
}
