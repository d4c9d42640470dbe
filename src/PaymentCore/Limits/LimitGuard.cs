using System.Runtime.ExceptionServices;
using PaymentCore.Recharges;

namespace PaymentCore.Limits;

/// <summary>
/// Reserves an attempt on every limit key at once (each key is its own atomic step, all sent in
/// parallel) and gives reservations back when the attempt does not go ahead or its payment fails.
/// </summary>
public sealed class LimitGuard(ILimitLedger ledger, LimitPolicy policy)
{
    public async Task<LimitReservation> ReserveAsync(IReadOnlyList<LimitCheck> checks, CancellationToken cancellationToken)
    {
        var attempts = checks.Select(c => ledger.ReserveAsync(c, policy.Horizon, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(attempts);
        }
        catch (Exception)
        {
            // Inspected per attempt below: some keys may have been counted while others failed.
        }

        var granted = new List<LimitCheck>();
        var counts = new Dictionary<LimitDimension, IReadOnlyList<WindowCount>>();
        LimitBreach? breach = null;
        ExceptionDispatchInfo? error = null;
        for (var i = 0; i < checks.Count; i++)
        {
            if (attempts[i].IsCompletedSuccessfully)
            {
                var decision = attempts[i].Result;
                counts[checks[i].Dimension] = decision.Counts;
                if (decision.Breach is { } refused)
                {
                    breach ??= refused;
                }
                else
                {
                    granted.Add(checks[i]);
                }
            }
            else
            {
                error ??= ExceptionDispatchInfo.Capture(attempts[i].Exception!.InnerException!);
            }
        }

        return new LimitReservation(granted, breach, error, counts);
    }

    /// <summary>Gives back everything an attempt that did not go ahead had reserved.</summary>
    public Task CancelAsync(LimitReservation reservation) =>
        Task.WhenAll(reservation.Granted.Select(c =>
            ledger.ReleaseAsync(c.Key, c.EntryId, c.AmountReference, LimitRelease.NotAttempted, CancellationToken.None)));

    /// <summary>
    /// Gives back the amount of a failed payment; the attempt itself stays counted, as a decline when
    /// the gateway declined it. Runs in the release that follows every failure, so recording the
    /// decline costs no extra round trip.
    /// </summary>
    public Task ReleaseFailedAsync(Recharge recharge)
    {
        var release = recharge.Failure?.IsGatewayDecline == true ? LimitRelease.Declined : LimitRelease.Failed;
        return Task.WhenAll(recharge.LimitKeys.Select(key =>
            ledger.ReleaseAsync(key, recharge.RechargeId, recharge.AmountReference, release, CancellationToken.None)));
    }
}

/// <summary>
/// What <see cref="LimitGuard.ReserveAsync"/> got: the keys that counted the attempt, why others did
/// not, and per dimension the window counts from before the attempt (the fraud rules' velocity facts).
/// </summary>
public sealed record LimitReservation(
    IReadOnlyList<LimitCheck> Granted,
    LimitBreach? Breach,
    ExceptionDispatchInfo? Error,
    IReadOnlyDictionary<LimitDimension, IReadOnlyList<WindowCount>> Counts)
{
    public bool Succeeded => Breach is null && Error is null;

    /// <summary>
    /// This reservation with <paramref name="check"/>'s, decided elsewhere (the store reserves the
    /// user's key with the claim) and, as the first check, ahead of this one's breach.
    /// </summary>
    public LimitReservation With(LimitCheck check, LimitDecision decision) => new(
        decision.Breach is null ? [check, .. Granted] : Granted,
        decision.Breach ?? Breach,
        Error,
        new Dictionary<LimitDimension, IReadOnlyList<WindowCount>>(Counts) { [check.Dimension] = decision.Counts });

    /// <summary>Throws the store error, or LIMIT_EXCEEDED for the breach.</summary>
    public void ThrowRefusal()
    {
        Error?.Throw();
        if (Breach is not null)
        {
            throw LimitErrors.Exceeded(Breach);
        }
    }
}
