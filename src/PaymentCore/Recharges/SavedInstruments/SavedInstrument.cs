using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using PaymentCore.Adapters;
using PaymentCore.PaymentMethods;

namespace PaymentCore.Recharges.SavedInstruments;

/// <summary>
/// One of a user's saved payment instruments: what the gateway needs to charge it again (its
/// references, never card data), the instrument it was saved from (so a payment with it is the
/// same method with the same limit fingerprint), what the user recognises it by, and the consent.
/// </summary>
public sealed record SavedInstrument
{
    public required string InstrumentId { get; init; }
    public required string UserId { get; init; }

    /// <summary>The gateway that keeps it; a payment with it goes there and nowhere else.</summary>
    public required string Gateway { get; init; }
    public required PaymentMethodType MethodType { get; init; }

    /// <summary>The instrument of the saving purchase, as kept on a recharge (a phone number masked).</summary>
    public required RechargeInstrument Instrument { get; init; }

    /// <summary>The gateway's references; a token that is personal data (a phone number) is kept sealed (<see cref="CredentialSeal"/>).</summary>
    public required StoredCredential Credential { get; init; }
    public required InstrumentDisplay Display { get; init; }
    public required string ConsentVersion { get; init; }

    /// <summary>When the user agreed: the saving purchase's creation.</summary>
    public required DateTimeOffset ConsentedAt { get; init; }

    /// <summary>When it was saved: when the saving purchase succeeded.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The recharge that saved it.</summary>
    public required string SavedBy { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Our decline code that made it unusable (<see cref="InstrumentDeclines"/>); null while it can pay.</summary>
    public string? UnusableReason { get; init; }

    [JsonIgnore]
    public bool Usable => UnusableReason is null;

    /// <summary>
    /// What a charge with it hands the gateway as <see cref="GatewayRequest.Saved"/> and keeps on its
    /// recharge: nothing for an instrument that is personal data, whose gateway is handed the unsealed
    /// instrument itself, so its sealed number is never copied onto a recharge (or the ledger).
    /// </summary>
    [JsonIgnore]
    public StoredCredential? ChargeCredential => PaymentMethodRegistry.Default[MethodType].InstrumentIsPersonalData ? null : Credential;
}

/// <summary>A user's saved instrument opened for a payment.</summary>
/// <param name="Instrument">What the gateway is handed: the instrument it was saved from, a phone number unsealed; null when it does not open.</param>
public sealed record SavedPayment(SavedInstrument Saved, PaymentInstrument? Instrument);

/// <summary>Saved instrument ids: "si_" + 32 lower-case hex digits, derived from the saving recharge, so saving it again finds it saved.</summary>
public static class SavedInstrumentId
{
    private const string Prefix = "si_";

    public static string For(string savingRechargeId) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(savingRechargeId)).AsSpan(0, 16));

    public static bool IsWellFormed(string id) =>
        id.Length == Prefix.Length + 32
        && id.StartsWith(Prefix, StringComparison.Ordinal)
        && id.AsSpan(Prefix.Length).IndexOfAnyExcept("0123456789abcdef") < 0;
}
