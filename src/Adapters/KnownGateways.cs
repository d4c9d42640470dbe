using PaymentCore.Adapters.CarrierBilling;
using PaymentCore.Adapters.PayPal;
using PaymentCore.Adapters.Sandbox;
using PaymentCore.Adapters.Stripe;
using PaymentCore.Adapters.Tap;
using PaymentCore.Adapters.Voucher;
using PaymentCore.Adapters.Xendit;

namespace PaymentCore.Adapters;

/// <summary>
/// Every gateway there is an adapter for, by name, in the host's registration order. A catalog may
/// route to any of them (configured or not) and to no other; the host registers each that is configured.
/// </summary>
public static class KnownGateways
{
    public static IReadOnlyList<string> Names { get; } =
    [
        SandboxGateway.GatewayName,
        StripeGateway.GatewayName,
        PayPalGateway.GatewayName,
        VoucherGateway.GatewayName,
        CarrierBillingGateway.GatewayName,
        XenditGateway.GatewayName,
        TapGateway.GatewayName,
    ];
}
