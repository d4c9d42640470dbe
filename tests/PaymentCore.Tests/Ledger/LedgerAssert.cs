using PaymentCore.State;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Ledger;

/// <summary>What "every recharge landed once" means, checked against the ledger's tables.</summary>
public static class LedgerAssert
{
    /// <summary>
    /// Waits until the ledger holds each recharge at the version the hot store holds, with every
    /// version from 1 to it exactly once in the history.
    /// </summary>
    public static async Task LandedOnceAsync(LedgerTestDatabase ledger, IRechargeStore hot, IReadOnlyCollection<string> rechargeIds, TimeSpan? timeout = null)
    {
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var id in rechargeIds)
        {
            expected[id] = (await hot.GetAsync(id, default))!.Version;
        }

        var ids = rechargeIds.ToArray();
        var versions = expected.Values.Sum();
        await Eventually.ReturnsAsync(
            async () => (
                Rows: await ledger.ScalarAsync<long>("select count(*) from recharges where recharge_id = any(@ids)", ("ids", ids)),
                Versions: await ledger.ScalarAsync<long>("select coalesce(sum(version), 0)::bigint from recharges where recharge_id = any(@ids)", ("ids", ids))),
            landed => landed.Rows == ids.Length && landed.Versions == versions,
            timeout ?? TimeSpan.FromSeconds(60));
        Assert.Equal(versions, await ledger.ScalarAsync<long>("select count(*) from recharge_versions where recharge_id = any(@ids)", ("ids", ids)));
        Assert.Equal(versions, await ledger.ScalarAsync<long>(
            "select count(*) from (select distinct recharge_id, version from recharge_versions where recharge_id = any(@ids)) v", ("ids", ids)));
        Assert.Equal(0L, await ledger.ScalarAsync<long>(
            "select count(*) from recharges r where recharge_id = any(@ids) and version <> (select max(version) from recharge_versions v where v.recharge_id = r.recharge_id)",
            ("ids", ids)));
    }
}
