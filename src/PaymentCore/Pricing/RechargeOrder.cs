using PaymentCore.Adapters;
using PaymentCore.Catalog;
using PaymentCore.Recharges;

namespace PaymentCore.Pricing;

/// <summary>A validated CreateRecharge whose item is not priced yet; <see cref="RechargePricing"/> makes it a command.</summary>
public sealed record RechargeOrder(
    IdempotentRequest Request,
    string UserId,
    RegionCatalog Region,
    ItemChoice Item,
    PaymentInstrument Instrument,
    RiskSignals Risk);
