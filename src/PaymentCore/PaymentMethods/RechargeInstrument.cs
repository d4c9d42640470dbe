using System.Text.Json.Serialization;
using PaymentCore.Adapters;

namespace PaymentCore.PaymentMethods;

/// <summary>
/// The payment instrument as stored on a recharge: gateway tokens and voucher code digests only,
/// never card data or a voucher code. Kept so that a charge whose answer was lost can be asked
/// again with the same gateway idempotency key. Each method's registry entry says which of these
/// slots it fills (<see cref="PaymentMethodEntry.ToStored"/>); the JSON shape is the one recharges
/// have been stored in since the first release, so every stored recharge still reads.
/// </summary>
/// <param name="Token">The method's one secret-free identifier: a gateway token, a Sandbox token, a voucher code digest.</param>
public sealed record RechargeInstrument(PaymentMethodType Type, string? Token = null, Uri? ReturnUrl = null, Uri? CancelUrl = null)
{
    /// <summary>
    /// What a method keeps beyond the common slots, by a name of its own (a method whose instrument
    /// is not a token, a URL or both). Absent from the JSON of the methods that need none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Fields { get; init; }

    /// <summary>The instrument as its method keeps it on a recharge.</summary>
    public static RechargeInstrument From(PaymentInstrument instrument) => PaymentMethodRegistry.Default[instrument.MethodType].ToStored(instrument);

    /// <summary>The instrument back, for the gateway to be asked again.</summary>
    public PaymentInstrument ToInstrument() => PaymentMethodRegistry.Default[Type].FromStored(this);
}
