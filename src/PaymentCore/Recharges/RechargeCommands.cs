using PaymentCore.Adapters;
using PaymentCore.Catalog;
using PaymentCore.Pricing;

namespace PaymentCore.Recharges;

/// <summary>Who asks, under which idempotency key, for a request with which fingerprint.</summary>
public sealed record IdempotentRequest(string Caller, string IdempotencyKey, string Fingerprint);

/// <summary>A validated and priced CreateRecharge: region resolved against the catalog, item priced by <see cref="RechargePricing"/>.</summary>
public sealed record CreateRechargeCommand(
    IdempotentRequest Request,
    string UserId,
    RegionCatalog Region,
    PricedItem Item,
    PaymentInstrument Instrument,
    RiskSignals Risk);

/// <summary>What the caller told about the user and device, normalized.</summary>
/// <param name="VerificationLevel">"unverified" or "verified".</param>
/// <param name="IpAddress">The IP address in canonical form, if given.</param>
/// <param name="DeviceId">The device id, if given.</param>
/// <param name="IpCountry">Country of the IP address, if the caller resolved it.</param>
/// <param name="EmailDomain">Domain of the user's e-mail address, if given.</param>
/// <param name="AccountCreatedAt">When the account was created, if given.</param>
public sealed record RiskSignals(
    string VerificationLevel,
    string? IpAddress,
    string? DeviceId,
    string? IpCountry = null,
    string? EmailDomain = null,
    DateTimeOffset? AccountCreatedAt = null);

/// <summary>A validated RefundRecharge; no amount means everything not yet refunded.</summary>
public sealed record RefundRechargeCommand(IdempotentRequest Request, string RechargeId, Money? Amount, string Reason);

/// <summary>A validated ConfirmRecharge.</summary>
/// <param name="Otp">The one-time code the user typed (carrier billing), or null; never printed.</param>
public sealed record ConfirmRechargeCommand(IdempotentRequest Request, string RechargeId, string? Otp = null)
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Request = ").Append(Request).Append(", RechargeId = ").Append(RechargeId).Append(", Otp = ").Append(Otp is null ? "null" : "***");
        return true;
    }
}

/// <summary>A recharge as answered to the caller; <paramref name="Replayed"/> marks a saved response.</summary>
public sealed record RechargeResult(Recharge Recharge, bool Replayed);
