using System.Runtime.ExceptionServices;
using PaymentCore.Errors;
using PaymentCore.Promotions;

namespace PaymentCore.Pricing;

/// <summary>
/// What <see cref="PriceGuard.ReserveAsync"/> got: the redemptions it counted, and why the price
/// cannot be honoured, if it cannot.
/// </summary>
/// <param name="Granted">Redemptions counted for this attempt, to give back if it does not go ahead.</param>
/// <param name="Refusal">Why the price cannot be honoured: the quote expired, or a promotion is exhausted.</param>
/// <param name="Error">A store failure while reserving.</param>
public sealed record PriceReservation(
    IReadOnlyList<RedemptionRequest> Granted,
    PaymentCoreException? Refusal,
    ExceptionDispatchInfo? Error)
{
    /// <summary>Nothing to hold: a price without a quote or counted promotions.</summary>
    public static PriceReservation None { get; } = new([], null, null);

    public bool Succeeded => Refusal is null && Error is null;

    /// <summary>Throws the store error, or the refusal.</summary>
    public void ThrowRefusal()
    {
        Error?.Throw();
        if (Refusal is not null)
        {
            throw Refusal;
        }
    }
}
