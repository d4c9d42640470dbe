using PaymentCore.Adapters;
using PaymentCore.Catalog;
using PaymentCore.Recharges;
using PaymentCore.Recharges.SavedInstruments;

namespace PaymentCore.Pricing;

/// <summary>A validated CreateRecharge whose item is not priced yet; <see cref="RechargePricing"/> makes it a command.</summary>
public sealed record RechargeOrder(
    IdempotentRequest Request,
    string UserId,
    RegionCatalog Region,
    ItemChoice Item,
    PaymentInstrument Instrument,
    RiskSignals Risk)
{
    /// <summary>The saved instrument paid with; <see cref="Instrument"/> is then the instrument it was saved from.</summary>
    public SavedInstrument? PaidWith { get; init; }

    /// <summary>The consent text version of the user's request to keep the instrument, if they asked.</summary>
    public string? SaveConsentVersion { get; init; }
}
