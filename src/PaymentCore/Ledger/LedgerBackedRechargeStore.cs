using PaymentCore.Recharges;
using PaymentCore.State;

namespace PaymentCore.Ledger;

/// <summary>
/// The hot store (Redis or memory) in front of the ledger: writes go to the hot store only (its
/// scripts feed the ledger); reads of what it no longer holds fall through to PostgreSQL, answering
/// as the hot store did; a change of a recharge only the ledger holds puts it back first.
/// </summary>
public sealed class LedgerBackedRechargeStore(IRechargeStore hot, LedgerReader ledger) : IRechargeStore
{
    public async Task<IdempotentStart> BeginAsync(IdempotencyClaim claim, Recharge? proposed, LimitToReserve? userLimit, CancellationToken cancellationToken)
    {
        var start = await hot.BeginAsync(claim, proposed, userLimit, cancellationToken);
        if (start is IdempotentStart.ReplayedNotHeld saved)
        {
            return new IdempotentStart.Replayed(await ledger.GetVersionAsync(saved.RechargeId, saved.Version, cancellationToken)
                ?? throw new InvalidOperationException($"Version {saved.Version} of recharge {saved.RechargeId}, a saved response, is in neither the hot store nor the ledger."));
        }

        if (start is not IdempotentStart.NotHeld)
        {
            return start;
        }

        var current = await RestoreAsync(proposed!.RechargeId, cancellationToken)
            ?? throw new InvalidOperationException($"Recharge {proposed.RechargeId} is in neither the hot store nor the ledger.");
        var retried = await hot.BeginAsync(claim, proposed, userLimit, cancellationToken);
        return retried is IdempotentStart.NotHeld ? new IdempotentStart.Stale(current) : retried;
    }

    public Task AbandonAsync(IdempotencyClaim claim, Recharge created, LimitToReserve? reserved, CancellationToken cancellationToken) =>
        hot.AbandonAsync(claim, created, reserved, cancellationToken);

    public async Task<CommitResult> CommitAsync(RechargeCommit commit, CancellationToken cancellationToken)
    {
        var result = await hot.CommitAsync(commit, cancellationToken);
        if (result is not CommitResult.NotHeld)
        {
            return result;
        }

        var current = await RestoreAsync(commit.Recharge.RechargeId, cancellationToken)
            ?? throw new InvalidOperationException($"Recharge {commit.Recharge.RechargeId} is in neither the hot store nor the ledger.");
        var retried = await hot.CommitAsync(commit, cancellationToken);
        return retried is CommitResult.NotHeld ? new CommitResult.Stale(current) : retried;
    }

    public async Task<Recharge?> GetAsync(string rechargeId, CancellationToken cancellationToken) =>
        await hot.GetAsync(rechargeId, cancellationToken) ?? await ledger.GetAsync(rechargeId, cancellationToken);

    /// <summary>
    /// The hot page merged with the ledger's: each holds the top of its own set, so the top of their
    /// union is the top of the whole; a recharge in both is answered from the hot store (newer).
    /// </summary>
    public async Task<RechargePage> ListByUserAsync(string userId, int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        var hotPage = await hot.ListByUserAsync(userId, pageSize, cursor, cancellationToken);
        var cold = await ledger.ListByUserAsync(userId, pageSize + 1, cursor, cancellationToken);
        var hotIds = hotPage.Recharges.Select(r => r.RechargeId).ToHashSet(StringComparer.Ordinal);
        var merged = hotPage.Recharges.Select(r => (Member: UserIndex.MemberOf(r), Recharge: r, Hot: true))
            .Concat(cold.Where(c => !hotIds.Contains(c.Recharge.RechargeId)).Select(c => (c.Member, c.Recharge, Hot: false)))
            .OrderByDescending(m => m.Member, StringComparer.Ordinal)
            .ToList();
        var hasMore = merged.Count > pageSize || hotPage.NextCursor is not null;
        var page = merged.Take(pageSize).ToList();

        // A recharge read from the ledger may have changed since in the hot store (restored, not drained yet).
        var recharges = await Task.WhenAll(page.Select(async m => m.Hot ? m.Recharge : await hot.GetAsync(m.Recharge.RechargeId, cancellationToken) ?? m.Recharge));
        return new RechargePage(recharges, hasMore && page.Count > 0 ? page[^1].Member : null);
    }

    public Task<IReadOnlyList<Recharge>> ListUnsettledAsync(DateTimeOffset unchangedSince, int max, CancellationToken cancellationToken) =>
        hot.ListUnsettledAsync(unchangedSince, max, cancellationToken);

    public Task LookedAtAsync(Recharge recharge, DateTimeOffset at, CancellationToken cancellationToken) =>
        hot.LookedAtAsync(recharge, at, cancellationToken);

    public Task IndexGatewayReferenceAsync(string gateway, string gatewayReference, string rechargeId, CancellationToken cancellationToken) =>
        hot.IndexGatewayReferenceAsync(gateway, gatewayReference, rechargeId, cancellationToken);

    public async Task<string?> FindByGatewayReferenceAsync(string gateway, string gatewayReference, CancellationToken cancellationToken) =>
        await hot.FindByGatewayReferenceAsync(gateway, gatewayReference, cancellationToken)
        ?? await ledger.FindByGatewayReferenceAsync(gateway, gatewayReference, cancellationToken);

    public Task<bool> RestoreAsync(Recharge recharge, CancellationToken cancellationToken) => hot.RestoreAsync(recharge, cancellationToken);

    public Task PingAsync(CancellationToken cancellationToken) => hot.PingAsync(cancellationToken);

    /// <summary>The recharge as the ledger holds it, put back into the hot store (unless it holds one again).</summary>
    private async Task<Recharge?> RestoreAsync(string rechargeId, CancellationToken cancellationToken)
    {
        if (await ledger.GetAsync(rechargeId, cancellationToken) is not { } recorded)
        {
            return null;
        }

        await hot.RestoreAsync(recorded, cancellationToken);
        return recorded;
    }
}
