using PaymentCore.Adapters;
using PaymentCore.Ledger;
using PaymentCore.Recharges;
using PaymentCore.State;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Ledger;

/// <summary>
/// The drain's conformance against a real PostgreSQL: entries arrive in any order, any number of
/// times (a replica's late batch, a redelivery after a crash), and the ledger ends the same.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class LedgerWriterTests(LedgerFixture fixture) : IAsyncLifetime
{
    private LedgerTestDatabase _ledger = null!;

    public async Task InitializeAsync() => _ledger = await LedgerTestDatabase.CreateAsync(fixture.Postgres);

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task VersionsOutOfOrder_TheNewestWinsAndEveryVersionIsKept()
    {
        var (v1, v2, v3) = Versions();

        await WriteAsync(v3);
        await WriteAsync(v1);
        await WriteAsync(v2);

        var stored = await _ledger.Reader.GetAsync(v1.RechargeId, default);
        Assert.Equivalent(v3, stored, strict: true);
        Assert.Equal(3L, await _ledger.CountAsync("recharge_versions", v1.RechargeId));
        Assert.Equal("SUCCEEDED", await _ledger.ScalarAsync<string>("select status from recharges where recharge_id = @id", ("id", v1.RechargeId)));
    }

    [Fact]
    public async Task TestAndLiveRecharges_KeepTheirModeInTheLedgerRow()
    {
        var test = LedgerTestDatabase.Draft();
        var live = LedgerTestDatabase.Draft() with { Livemode = true };

        await WriteAsync(test, live);

        const string Mode = "select livemode from recharges where recharge_id = @id";
        Assert.False(await _ledger.ScalarAsync<bool>(Mode, ("id", test.RechargeId)));
        Assert.True(await _ledger.ScalarAsync<bool>(Mode, ("id", live.RechargeId)));
        Assert.True((await _ledger.Reader.GetAsync(live.RechargeId, default))!.Livemode);
    }

    [Fact]
    public async Task DuplicateDeliveries_InOneBatchAndAcrossBatches_LandOnce()
    {
        var (v1, v2, _) = Versions();

        await WriteAsync(v1, v2, v2, v1);
        await WriteAsync(v2, v1);

        Assert.Equal(1L, await _ledger.CountAsync("recharges", v1.RechargeId));
        Assert.Equal(2L, await _ledger.CountAsync("recharge_versions", v1.RechargeId));
        Assert.Equal(2L, await _ledger.ScalarAsync<long>("select version from recharges where recharge_id = @id", ("id", v1.RechargeId)));
    }

    [Fact]
    public async Task ConcurrentWritersWithOlderVersions_NeverOverwriteANewerOne()
    {
        var v1 = LedgerTestDatabase.Draft();
        var versions = Enumerable.Range(1, 30).Select(n => v1 with { Version = n, UpdatedAt = v1.UpdatedAt.AddSeconds(n) }).ToList();

        // Thirty writers at once, each a different version, each twice: the ordering is the database's.
        await Task.WhenAll(versions.Concat(versions).Select(v => Task.Run(() => WriteAsync(v))));

        Assert.Equal(30L, await _ledger.ScalarAsync<long>("select version from recharges where recharge_id = @id", ("id", v1.RechargeId)));
        Assert.Equal(30L, await _ledger.CountAsync("recharge_versions", v1.RechargeId));
    }

    [Fact]
    public async Task AbandonedRecharge_ItsLateVersionIsNotWritten()
    {
        var v1 = LedgerTestDatabase.Draft();
        var other = LedgerTestDatabase.Draft(v1.UserId);

        await _ledger.Writer.WriteAsync([LedgerEntry.Abandoned("1", v1.RechargeId)], default);
        await WriteAsync(v1, other);
        await _ledger.Writer.WriteAsync([LedgerEntry.Of("2", v1), LedgerEntry.Abandoned("3", v1.RechargeId)], default);

        Assert.Null(await _ledger.Reader.GetAsync(v1.RechargeId, default));
        Assert.Equal(0L, await _ledger.CountAsync("recharge_versions", v1.RechargeId));
        Assert.NotNull(await _ledger.Reader.GetAsync(other.RechargeId, default));
    }

    [Fact]
    public async Task RefundsAndDisputes_GetTheirOwnRowsOnce()
    {
        var (_, _, succeeded) = Versions();
        var refund = new RechargeRefund("rfd_" + succeeded.RechargeId[4..] + "_1", new Money("USD", 100), 105, "asked", "support", succeeded.UpdatedAt, "re_1", null);
        var refunded = succeeded with { Status = RechargeStatus.PartiallyRefunded, Refunds = [refund], Version = 4 };
        var disputed = refunded with { Status = RechargeStatus.Disputed, Version = 5 };

        await WriteAsync(refunded, disputed);
        await WriteAsync(disputed, refunded);

        Assert.Equal(1L, await _ledger.CountAsync("refunds", succeeded.RechargeId));
        Assert.Equal(100L, await _ledger.ScalarAsync<long>("select amount_minor from refunds where recharge_id = @id", ("id", succeeded.RechargeId)));
        Assert.Equal("DISPUTED", await _ledger.ScalarAsync<string>("select status from disputes where recharge_id = @id", ("id", succeeded.RechargeId)));
    }

    [Fact]
    public async Task RechargesOfTwoMonths_GoToTheirMonthsPartitions_AndADetachedMonthComesBack()
    {
        var november = LedgerTestDatabase.Draft(at: new DateTimeOffset(2031, 11, 30, 23, 59, 59, TimeSpan.Zero));
        var december = LedgerTestDatabase.Draft(at: new DateTimeOffset(2031, 12, 1, 0, 0, 0, TimeSpan.Zero));

        await WriteAsync(november, december);
        Assert.Equal(1L, await _ledger.ScalarAsync<long>("select count(*) from recharges_y2031m11"));
        Assert.Equal(1L, await _ledger.ScalarAsync<long>("select count(*) from recharges_y2031m12"));

        // An operator detaches and archives November; a late version of it still lands (in a new partition).
        await _ledger.ExecuteAsync("alter table recharges detach partition recharges_y2031m11; alter table recharges_y2031m11 rename to archived_y2031m11");
        await WriteAsync(november with { Status = RechargeStatus.Failed, Version = 2 });

        Assert.Equal(1L, await _ledger.ScalarAsync<long>("select count(*) from recharges_y2031m11"));
        Assert.Equal(1L, await _ledger.ScalarAsync<long>("select count(*) from archived_y2031m11"));
    }

    [Fact]
    public async Task Migrations_RunTwice_ApplyNothingTheSecondTime()
    {
        var again = await new LedgerMigrator(_ledger.Database, Microsoft.Extensions.Logging.Abstractions.NullLogger<LedgerMigrator>.Instance).MigrateAsync(default);

        Assert.Empty(again);
        Assert.Equal((long)LedgerMigrator.Migrations().Count, await _ledger.ScalarAsync<long>("select count(*) from ledger_migrations"));
    }

    private static (Recharge V1, Recharge V2, Recharge V3) Versions()
    {
        var v1 = LedgerTestDatabase.Draft();
        var v2 = v1 with { Status = RechargeStatus.RequiresAction, GatewayReference = "pi_" + v1.RechargeId[^8..], Version = 2, UpdatedAt = v1.UpdatedAt.AddSeconds(1) };
        var v3 = v2 with { Status = RechargeStatus.Succeeded, Version = 3, UpdatedAt = v1.UpdatedAt.AddSeconds(2) };
        return (v1, v2, v3);
    }

    private Task WriteAsync(params Recharge[] versions) =>
        _ledger.Writer.WriteAsync(versions.Select((v, i) => LedgerEntry.Of(i.ToString(System.Globalization.CultureInfo.InvariantCulture), v)).ToList(), default);
}
