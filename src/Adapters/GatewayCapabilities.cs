namespace PaymentCore.Adapters;

/// <summary>What a gateway can do; the router offers a gateway only where all of it fits.</summary>
/// <param name="Methods">Payment method types it accepts.</param>
/// <param name="Currencies">ISO 4217 codes it charges in; empty means any.</param>
/// <param name="Regions">Region codes it serves; empty means any.</param>
/// <param name="PartialRefunds">Whether a refund may be smaller than what is left of the payment.</param>
/// <param name="MethodCurrencies">Methods that take fewer currencies than the gateway does (a local
/// wallet settles only in some), each with the ISO 4217 codes it takes on top of <paramref name="Currencies"/>.</param>
public sealed record GatewayCapabilities(
    IReadOnlySet<PaymentMethodType> Methods,
    IReadOnlySet<string> Currencies,
    IReadOnlySet<string> Regions,
    bool PartialRefunds,
    IReadOnlyDictionary<PaymentMethodType, IReadOnlySet<string>>? MethodCurrencies = null)
{
    public bool Supports(PaymentMethodType method, string currency, string regionCode) =>
        Methods.Contains(method)
        && (Currencies.Count == 0 || Currencies.Contains(currency))
        && (MethodCurrencies?.GetValueOrDefault(method) is not { } only || only.Contains(currency))
        && (Regions.Count == 0 || Regions.Contains(regionCode));
}
