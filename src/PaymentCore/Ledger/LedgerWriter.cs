using Npgsql;
using PaymentCore.Recharges;
using PaymentCore.State;
using PaymentCore.Stores.Redis;

namespace PaymentCore.Ledger;

/// <summary>
/// Writes drained entries to PostgreSQL in one round trip and one transaction per batch. Every
/// statement is idempotent and order-tolerant: a version never overwrites a newer one
/// (<c>where excluded.version &gt; recharges.version</c>), history rows and refunds are written
/// once (<c>on conflict do nothing</c>), so duplicates, redeliveries and a replica's late
/// entries change nothing.
/// </summary>
public sealed class LedgerWriter(LedgerDatabase database, LedgerMonths months)
{
    private const string UpsertRecharges = """
        insert into recharges (recharge_id, created_at, user_id, region_code, livemode, status, amount_minor, currency, coins, bonus_coins,
                               gateway, gateway_reference, method_type, updated_at, version, list_key, document)
        select u.recharge_id, u.created_at, u.user_id, u.region_code, u.livemode, u.status, u.amount_minor, u.currency, u.coins, u.bonus_coins,
               u.gateway, u.gateway_reference, u.method_type, u.updated_at, u.version, u.list_key, u.document::jsonb
        from unnest(@ids, @created, @users, @regions, @livemodes, @statuses, @amounts, @currencies, @coins, @bonus, @gateways, @references,
                    @methods, @updated, @versions, @list_keys, @documents)
             as u(recharge_id, created_at, user_id, region_code, livemode, status, amount_minor, currency, coins, bonus_coins,
                  gateway, gateway_reference, method_type, updated_at, version, list_key, document)
        where not exists (select 1 from abandoned_recharges a where a.recharge_id = u.recharge_id)
        on conflict (recharge_id, created_at) do update set
          status = excluded.status, amount_minor = excluded.amount_minor, currency = excluded.currency, coins = excluded.coins,
          bonus_coins = excluded.bonus_coins, gateway = excluded.gateway, gateway_reference = excluded.gateway_reference,
          method_type = excluded.method_type, updated_at = excluded.updated_at, version = excluded.version, document = excluded.document
        where excluded.version > recharges.version
        """;

    private const string InsertVersions = """
        insert into recharge_versions (recharge_id, version, recharge_created_at, status, changed_at, document)
        select u.recharge_id, u.version, u.created_at, u.status, u.updated_at, u.document::jsonb
        from unnest(@ids, @versions, @created, @statuses, @updated, @documents) as u(recharge_id, version, created_at, status, updated_at, document)
        where not exists (select 1 from abandoned_recharges a where a.recharge_id = u.recharge_id)
        on conflict do nothing
        """;

    private const string InsertRefunds = """
        insert into refunds (refund_id, recharge_id, recharge_created_at, amount_minor, currency, coins, succeeded, failure_code,
                             gateway_reference, reason, requested_by, created_at)
        select * from unnest(@refund_ids, @ids, @recharge_created, @amounts, @currencies, @coins, @succeeded, @failure_codes,
                             @references, @reasons, @requested_by, @created)
        on conflict do nothing
        """;

    private const string InsertDisputes = """
        insert into disputes (recharge_id, version, recharge_created_at, status, amount_minor, currency, occurred_at)
        select * from unnest(@ids, @versions, @created, @statuses, @amounts, @currencies, @occurred)
        on conflict do nothing
        """;

    // Marked first, then removed: a version of it arriving later finds the mark and is not written.
    private static readonly string[] RemoveAbandoned =
    [
        "insert into abandoned_recharges (recharge_id) select unnest(@abandoned) on conflict do nothing",
        "delete from recharges where recharge_id = any(@abandoned)",
        "delete from recharge_versions where recharge_id = any(@abandoned)",
    ];

    /// <summary>Writes the entries (any order, duplicates allowed); throws when PostgreSQL did not take them all.</summary>
    public async Task WriteAsync(IReadOnlyCollection<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        var versions = entries.Where(e => e.Version is not null).Select(e => e.Version!).DistinctBy(v => (v.RechargeId, v.Version)).ToList();
        var abandoned = entries.Where(e => e.AbandonedRechargeId is not null).Select(e => e.AbandonedRechargeId!).Distinct(StringComparer.Ordinal).ToArray();
        if (versions.Count == 0 && abandoned.Length == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await WriteBatchAsync(connection, versions, abandoned, cancellationToken);
        }
        catch (PostgresException e) when (LedgerMonths.IsMissingPartition(e))
        {
            months.Forget();
            await WriteBatchAsync(connection, versions, abandoned, cancellationToken);
        }
    }

    private async Task WriteBatchAsync(NpgsqlConnection connection, List<Recharge> versions, string[] abandoned, CancellationToken cancellationToken)
    {
        await months.EnsureAsync(connection, versions.Select(v => LedgerTime.MonthOf(v.CreatedAt)), cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        if (versions.Count > 0)
        {
            batch.BatchCommands.Add(Recharges(versions.GroupBy(v => v.RechargeId).Select(g => g.MaxBy(v => v.Version)!).ToList()));
            batch.BatchCommands.Add(Versions(versions));
            var refunds = versions.SelectMany(v => v.Refunds.Select(r => (Recharge: v, Refund: r))).DistinctBy(x => x.Refund.RefundId).ToList();
            if (refunds.Count > 0)
            {
                batch.BatchCommands.Add(Refunds(refunds));
            }

            var disputes = versions.Where(v => v.Status is RechargeStatus.Disputed or RechargeStatus.Reversed).ToList();
            if (disputes.Count > 0)
            {
                batch.BatchCommands.Add(Disputes(disputes));
            }
        }

        foreach (var sql in abandoned.Length > 0 ? RemoveAbandoned : [])
        {
            batch.BatchCommands.Add(Command(sql, ("abandoned", (object)abandoned)));
        }

        // One round trip: a batch without Sync points in between is one implicit transaction.
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Recharges(List<Recharge> latest) => Command(UpsertRecharges,
        ("ids", latest.Select(v => v.RechargeId).ToArray()),
        ("created", latest.Select(v => LedgerTime.Of(v.CreatedAt)).ToArray()),
        ("users", latest.Select(v => v.UserId).ToArray()),
        ("regions", latest.Select(v => v.RegionCode).ToArray()),
        ("livemodes", latest.Select(v => v.Livemode).ToArray()),
        ("statuses", latest.Select(v => StatusName(v.Status)).ToArray()),
        ("amounts", latest.Select(v => v.Amount.MinorUnits).ToArray()),
        ("currencies", latest.Select(v => v.Amount.Currency).ToArray()),
        ("coins", latest.Select(v => v.Coins).ToArray()),
        ("bonus", latest.Select(v => v.BonusCoins).ToArray()),
        ("gateways", latest.Select(v => v.Gateway).ToArray()),
        ("references", latest.Select(v => v.GatewayReference).ToArray()),
        ("methods", latest.Select(v => v.MethodType.ToString()).ToArray()),
        ("updated", latest.Select(v => LedgerTime.Of(v.UpdatedAt)).ToArray()),
        ("versions", latest.Select(v => v.Version).ToArray()),
        ("list_keys", latest.Select(UserIndex.MemberOf).ToArray()),
        ("documents", latest.Select(Document).ToArray()));

    private static NpgsqlBatchCommand Versions(List<Recharge> versions) => Command(InsertVersions,
        ("ids", versions.Select(v => v.RechargeId).ToArray()),
        ("versions", versions.Select(v => v.Version).ToArray()),
        ("created", versions.Select(v => LedgerTime.Of(v.CreatedAt)).ToArray()),
        ("statuses", versions.Select(v => StatusName(v.Status)).ToArray()),
        ("updated", versions.Select(v => LedgerTime.Of(v.UpdatedAt)).ToArray()),
        ("documents", versions.Select(Document).ToArray()));

    private static NpgsqlBatchCommand Refunds(List<(Recharge Recharge, RechargeRefund Refund)> refunds) => Command(InsertRefunds,
        ("refund_ids", refunds.Select(x => x.Refund.RefundId).ToArray()),
        ("ids", refunds.Select(x => x.Recharge.RechargeId).ToArray()),
        ("recharge_created", refunds.Select(x => LedgerTime.Of(x.Recharge.CreatedAt)).ToArray()),
        ("amounts", refunds.Select(x => x.Refund.Amount.MinorUnits).ToArray()),
        ("currencies", refunds.Select(x => x.Refund.Amount.Currency).ToArray()),
        ("coins", refunds.Select(x => x.Refund.Coins).ToArray()),
        ("succeeded", refunds.Select(x => x.Refund.Succeeded).ToArray()),
        ("failure_codes", refunds.Select(x => x.Refund.FailureCode).ToArray()),
        ("references", refunds.Select(x => x.Refund.GatewayReference).ToArray()),
        ("reasons", refunds.Select(x => x.Refund.Reason).ToArray()),
        ("requested_by", refunds.Select(x => x.Refund.RequestedBy).ToArray()),
        ("created", refunds.Select(x => LedgerTime.Of(x.Refund.CreatedAt)).ToArray()));

    private static NpgsqlBatchCommand Disputes(List<Recharge> disputes) => Command(InsertDisputes,
        ("ids", disputes.Select(v => v.RechargeId).ToArray()),
        ("versions", disputes.Select(v => v.Version).ToArray()),
        ("created", disputes.Select(v => LedgerTime.Of(v.CreatedAt)).ToArray()),
        ("statuses", disputes.Select(v => StatusName(v.Status)).ToArray()),
        ("amounts", disputes.Select(v => v.Amount.MinorUnits).ToArray()),
        ("currencies", disputes.Select(v => v.Amount.Currency).ToArray()),
        ("occurred", disputes.Select(v => LedgerTime.Of(v.UpdatedAt)).ToArray()));

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Values)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, values) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, values));
        }

        return command;
    }

    /// <summary>The API's spelling (SUCCEEDED, PARTIALLY_REFUNDED), which finance and support read.</summary>
    internal static string StatusName(RechargeStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseUpper.ConvertName(status.ToString());

    internal static string Document(Recharge recharge) => System.Text.Json.JsonSerializer.Serialize(recharge, RechargeJson.Default.Recharge);
}
