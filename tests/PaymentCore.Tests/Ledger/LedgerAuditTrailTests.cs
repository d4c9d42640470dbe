using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Api.V1;
using PaymentCore.Audit;
using PaymentCore.Ledger;
using PaymentCore.Stores.Redis;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Security;

namespace PaymentCore.Tests.Ledger;

/// <summary>
/// The audit trail with a ledger pages as every trail does while its entries are anywhere on
/// their way: the oldest already in PostgreSQL, one written there but not yet removed from Redis
/// (a drainer that died in between), the newest still in Redis.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class LedgerAuditTrailConformanceTests(LedgerFixture fixture) : AuditTrailConformanceTests, IAsyncLifetime
{
    private RedisConnection _redis = null!;
    private LedgerTestDatabase _ledger = null!;
    private RedisAuditTrail _hot = null!;
    private LedgerAuditArchive _archive = null!;

    protected override IAuditTrail Trail => new LedgerBackedAuditTrail(_hot, _archive);

    public async Task InitializeAsync()
    {
        _redis = new RedisConnection(
            Microsoft.Extensions.Options.Options.Create(new RedisOptions { Configuration = fixture.Redis.Endpoint, KeyPrefix = "audit-" + Guid.NewGuid().ToString("N")[..8] }),
            Microsoft.Extensions.Options.Options.Create(new PaymentCore.Modes.ModeOptions()));
        _ledger = await LedgerTestDatabase.CreateAsync(fixture.Postgres);
        _hot = new RedisAuditTrail(_redis);
        _archive = new LedgerAuditArchive(_ledger.Database, new LedgerMonths());
    }

    public async Task DisposeAsync()
    {
        await _ledger.DisposeAsync();
        _redis.Dispose();
    }

    protected override async Task AfterAppendingAsync()
    {
        await new AuditDrain(_hot, _archive).DrainOnceAsync(2, default);
        await _archive.WriteAsync(await _hot.OldestAsync(1, default), default);
    }
}

/// <summary>
/// With a ledger, the audit trail leaves Redis: the drainer moves every entry to PostgreSQL and
/// removes it from the stream, and ListAuditEntries still lists each of them once, newest first.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class LedgerAuditTrailTests(LedgerFixture fixture) : IAsyncLifetime
{
    private LedgerTestDatabase _ledger = null!;

    public async Task InitializeAsync() => _ledger = await LedgerTestDatabase.CreateAsync(fixture.Postgres);

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task EveryEntry_MovesToTheLedger_LeavesRedis_AndIsListedOnce()
    {
        await using var server = await PaymentCoreServer.StartAsync(LedgerSettings.For(fixture.Redis.Endpoint, _ledger.ConnectionString));
        var created = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            created.Add((await server.Recharges.CreateRechargeAsync(Requests.Create())).Recharge.RechargeId);
        }

        var redis = server.Services.GetRequiredService<RedisConnection>();
        await Eventually.ReturnsAsync(() => redis.Database.StreamLengthAsync(redis.Keys.AuditStream), length => length == 0, TimeSpan.FromSeconds(20));
        var archived = await _ledger.ScalarAsync<long>("select count(*) from audit_entries");

        var listed = new List<PaymentCore.Api.V1.AuditEntry>();
        string token = string.Empty;
        do
        {
            var page = await server.Admin.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 4, PageToken = token });
            listed.AddRange(page.Entries);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        // The listing itself is audited: its calls were appended after the count.
        Assert.InRange(listed.Count, archived, archived + 3);
        Assert.Equal(listed.Count, listed.Select(e => e.EntryId).Distinct().Count());
        Assert.Equal(listed.Select(e => AuditEntryId.Parse(e.EntryId)).OrderDescending(), listed.Select(e => AuditEntryId.Parse(e.EntryId)));
        Assert.All(created, id => Assert.Single(listed, e => e.RechargeId == id && e.Action.EndsWith("/CreateRecharge", StringComparison.Ordinal)));
    }
}
