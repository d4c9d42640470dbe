using PaymentCore.Recharges;

namespace PaymentCore.State;

/// <summary>
/// One entry of a ledger stream: a recharge's new version, written by the same script that stored
/// it, or the removal of a recharge refused before any gateway call.
/// </summary>
/// <param name="EntryId">The feed's id of the entry (a Redis stream id), for the acknowledgement.</param>
/// <param name="Shard">The user shard whose stream holds it.</param>
public sealed record LedgerEntry(string EntryId, int Shard, Recharge? Version, string? AbandonedRechargeId)
{
    public static LedgerEntry Of(string entryId, Recharge version) =>
        new(entryId, RechargeId.TryParseShard(version.RechargeId, out var shard) ? shard : 0, version, null);

    public static LedgerEntry Abandoned(string entryId, string rechargeId) =>
        new(entryId, RechargeId.TryParseShard(rechargeId, out var shard) ? shard : 0, null, rechargeId);
}
