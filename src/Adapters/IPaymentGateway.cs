namespace PaymentCore.Adapters;

/// <summary>
/// The contract every gateway adapter implements. It is total: every call answers with a
/// <see cref="GatewayOutcome"/>, and transport failures are mapped to <c>Unknown</c> or
/// <c>NotReached</c> inside the adapter rather than thrown.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>Stable lower-case name used in region config and on recharges, e.g. "stripe".</summary>
    string Name { get; }

    /// <summary>What this gateway can do.</summary>
    GatewayCapabilities Capabilities { get; }

    /// <summary>Charges (authorize and capture) the instrument.</summary>
    Task<GatewayOutcome> ChargeAsync(GatewayRequest request, CancellationToken cancellationToken);

    /// <summary>Completes a payment after its next action.</summary>
    Task<GatewayOutcome> ConfirmAsync(GatewayConfirmation confirmation, CancellationToken cancellationToken);

    /// <summary>Asks the gateway where a payment stands (for the reconciler).</summary>
    Task<GatewayOutcome> LookupAsync(string gatewayReference, CancellationToken cancellationToken);
}

/// <summary>What a gateway can do.</summary>
/// <param name="Methods">Payment method types it accepts.</param>
/// <param name="Currencies">ISO 4217 codes it charges in; empty means any.</param>
public sealed record GatewayCapabilities(IReadOnlySet<PaymentMethodType> Methods, IReadOnlySet<string> Currencies)
{
    public bool Supports(PaymentMethodType method, string currency) =>
        Methods.Contains(method) && (Currencies.Count == 0 || Currencies.Contains(currency));
}
