namespace PaymentCore.Adapters;

/// <summary>
/// A saved instrument as its gateway knows it: references only, never card data. Both are gateway
/// secrets of a kind (whoever holds them can charge through our account), so they are never logged
/// in clear.
/// </summary>
/// <param name="Customer">The gateway's customer the instrument is attached to (Stripe "cus_…",
/// PayPal's vault customer), if the gateway has one.</param>
/// <param name="Token">What the gateway charges: a Stripe PaymentMethod "pm_…", a PayPal vault
/// payment token, a Sandbox token, a carrier-billing phone number (which the host seals before it keeps it).</param>
public sealed record StoredCredential(string? Customer, string Token);

/// <summary>What a user recognises a saved instrument by; never enough to pay with.</summary>
/// <param name="Description">A sentence to show, e.g. "Visa ending 4242, expires 12/2034".</param>
/// <param name="MaskedEmail">A PayPal account's e-mail address, masked (<see cref="MaskEmail"/>).</param>
/// <param name="MaskedPhoneNumber">A carrier-billing phone number, masked to its last two digits (<see cref="PhoneNumbers.Mask"/>).</param>
public sealed record InstrumentDisplay(
    string Description,
    string? CardBrand = null,
    string? CardLast4 = null,
    int? CardExpMonth = null,
    int? CardExpYear = null,
    string? MaskedEmail = null,
    string? MaskedPhoneNumber = null)
{
    /// <summary>A phone number billed by its operator: "Phone bill +***********78".</summary>
    public static InstrumentDisplay Phone(string maskedPhoneNumber) => new($"Phone bill {maskedPhoneNumber}", MaskedPhoneNumber: maskedPhoneNumber);

    /// <summary>A card as a user knows it: "Visa ending 4242, expires 12/2034".</summary>
    public static InstrumentDisplay Card(string brand, string last4, int expMonth, int expYear) => new(
        $"{char.ToUpperInvariant(brand[0])}{brand[1..]} ending {last4}, expires {expMonth:D2}/{expYear:D4}", brand, last4, expMonth, expYear);

    /// <summary>The first letter and the domain: "j***@example.com"; "***" when it is not an address.</summary>
    public static string MaskEmail(string email) => email.IndexOf('@', StringComparison.Ordinal) is var at and > 0
        ? $"{email[0]}***{email[at..]}"
        : "***";
}

/// <summary>Set up the instrument of a charge for later merchant-initiated charges, on the user's customer at the gateway.</summary>
/// <param name="UserId">The user it is saved for: the gateway makes their customer from it, once.</param>
/// <param name="Customer">The user's customer at this gateway when one was made before; null lets the gateway make it.</param>
public sealed record InstrumentSetup(string UserId, string? Customer);

/// <summary>After a charge made with an <see cref="InstrumentSetup"/> succeeded: what to keep of its instrument.</summary>
/// <param name="GatewayReference">The gateway's id of the payment that succeeded.</param>
/// <param name="Instrument">The instrument the payment was made with.</param>
public sealed record InstrumentSaving(string UserId, string GatewayReference, PaymentInstrument Instrument);

/// <summary>What a gateway answers when asked to keep the instrument of a payment.</summary>
public abstract record SaveOutcome
{
    private SaveOutcome()
    {
    }

    /// <summary>Kept: charge it again with <paramref name="Credential"/>.</summary>
    public sealed record Saved(StoredCredential Credential, InstrumentDisplay Display) : SaveOutcome;

    /// <summary>Not kept (the gateway does not save this method, or did not keep it); the payment itself stands.</summary>
    /// <param name="Transient">The gateway could not be asked (a transport failure, its 5xx or 429): asking again later may save it.</param>
    public sealed record NotSaved(string Reason, bool Transient = false) : SaveOutcome;
}

/// <summary>What a gateway answers when asked to forget a saved instrument.</summary>
public abstract record DeleteOutcome
{
    private DeleteOutcome()
    {
    }

    /// <summary>The gateway no longer holds it (also when it was gone already).</summary>
    public sealed record Deleted : DeleteOutcome;

    /// <summary>The gateway could not be asked or refused; it may still hold it.</summary>
    public sealed record NotDeleted(string Reason) : DeleteOutcome;
}

/// <summary>Our decline codes that mean a saved instrument can never pay again, whichever gateway said so.</summary>
public static class InstrumentDeclines
{
    /// <summary>The card expired.</summary>
    public const string Expired = "expired_card";

    /// <summary>The gateway no longer holds the instrument (detached, deleted or revoked by the payer).</summary>
    public const string Revoked = "instrument_revoked";

    public static bool MakesUnusable(string code) => code is Expired or Revoked;
}
