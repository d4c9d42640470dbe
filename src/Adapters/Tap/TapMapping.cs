using System.Globalization;
using System.Net;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.Tap;

/// <summary>
/// Translates between Tap's JSON shapes and the adapter contract; the only place that knows both.
/// The gateway reference of a Tap payment is its charge id (<c>chg_…</c>). KNET charges in KWD,
/// whose ISO 4217 exponent is 3: Tap takes the amount as a decimal number of dinars (1.500).
/// </summary>
internal static class TapMapping
{
    public const string Currency = "KWD";
    public const string Region = "KW";
    public const string KnetSource = "src_kw.knet";

    /// <summary>KWD's ISO 4217 exponent: 1000 fils to the dinar.</summary>
    private const byte Exponent = 3;
    private const long MinorUnitsPerDinar = 1000;

    /// <summary>The amount Tap expects, or why it cannot be sent.</summary>
    public static bool TryDinars(Money money, out decimal dinars, out string problem)
    {
        dinars = 0;
        problem = money switch
        {
            { Currency: not Currency } => $"Tap takes KNET in {Currency} only, not {money.Currency}.",
            { MinorUnits: <= 0 } => $"Tap amounts must be positive, not {money}.",
            _ => string.Empty,
        };
        if (problem.Length > 0)
        {
            return false;
        }

        // Fils as a decimal of scale 3: exact, and written with KWD's three decimals (1.500).
        dinars = new decimal(unchecked((int)money.MinorUnits), (int)(money.MinorUnits >> 32), 0, isNegative: false, scale: Exponent);
        return true;
    }

    /// <summary>An amount of Tap's as our money; null when it is finer than a fils or not in dinars.</summary>
    public static Money? Money(string? currency, decimal? amount) =>
        currency == Currency && amount is { } value && value >= 0 && value * MinorUnitsPerDinar is var fils && fils == decimal.Truncate(fils) && fils < long.MaxValue
            ? new Money(Currency, (long)fils)
            : null;

    /// <summary>The amount as the webhook's hashstring writes it: the currency's decimals, always.</summary>
    public static string HashAmount(decimal amount) => amount.ToString("F" + Exponent.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static TapChargeRequest KnetCharge(GatewayRequest request, KnetInstrument knet, decimal dinars) => new(
        Amount: dinars,
        Currency: Currency,
        CustomerInitiated: true,
        ThreeDSecure: true,
        SaveCard: false,
        Description: request.Description,
        Reference: new TapReference(Transaction: request.Reference, Order: request.Reference, Idempotent: request.IdempotencyKey),
        // Tap requires a customer; PaymentCore holds no personal data of the payer, who identifies
        // themselves to KNET with their card on KNET's own page.
        Customer: new TapCustomer("Coin buyer"),
        Source: new TapSource(KnetSource),
        Redirect: new TapUrl(knet.ReturnUrl.AbsoluteUri));

    public static TapRefundRequest RefundRequest(GatewayRefund refund, decimal dinars) =>
        new(refund.GatewayReference, dinars, Currency, "requested_by_customer", new TapReference(Merchant: refund.Reference, Idempotent: refund.IdempotencyKey));

    public static GatewayOutcome Outcome(TapCharge charge) => charge.Status switch
    {
        "CAPTURED" => new GatewayOutcome.Succeeded(charge.Id),
        "INITIATED" when Uri.TryCreate(charge.Transaction?.Url, UriKind.Absolute, out var page) => new GatewayOutcome.RequiresAction(charge.Id, page),
        "ABANDONED" or "TIMEDOUT" => new GatewayOutcome.Declined(charge.Id, "action_expired", "The payment was not completed in time.", charge.Status),
        "CANCELLED" or "VOID" => new GatewayOutcome.Declined(charge.Id, "payment_canceled", "The payment was canceled.", charge.Status),
        "DECLINED" or "RESTRICTED" or "FAILED" => new GatewayOutcome.Declined(
            charge.Id, "payment_declined", "KNET declined the payment.", charge.Response?.Code ?? charge.Status),
        // INITIATED without a page, IN_PROGRESS, UNKNOWN.
        _ => new GatewayOutcome.Unknown(charge.Id, $"tap: charge is {charge.Status ?? "without status"}"),
    };

    /// <summary>An error answer about <paramref name="reference"/> (null when no charge exists yet).</summary>
    public static GatewayOutcome Outcome<T>(JsonReply<T, TapErrors> failed, string? reference)
        where T : class
    {
        var code = failed.Error?.First?.Code;
        return failed.Status switch
        {
            HttpStatusCode.TooManyRequests when reference is null => new GatewayOutcome.Declined(
                null, "try_again_later", "The payment provider is busy. Nothing was charged; please try again.", code),
            >= HttpStatusCode.InternalServerError or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests =>
                new GatewayOutcome.Unknown(reference, $"tap: HTTP {(int)failed.Status} {code}"),
            _ when failed.Error?.First is null => new GatewayOutcome.Unknown(reference, $"tap: HTTP {(int)failed.Status} without a usable answer"),
            HttpStatusCode.NotFound => new GatewayOutcome.Declined(reference, "payment_not_found", "Tap has no such payment.", code),
            _ => new GatewayOutcome.Declined(reference, "payment_rejected", "Tap refused the payment. Nothing was charged.", code),
        };
    }

    /// <summary>What a charge's state says happened, as an event; null while nothing has.</summary>
    public static GatewayEvent? Event(string eventId, TapCharge charge, DateTimeOffset now) => Outcome(charge) switch
    {
        GatewayOutcome.Succeeded when Money(charge.Currency, charge.Amount) is { } amount => new GatewayEvent.PaymentSucceeded(eventId, charge.Id, now, amount),
        GatewayOutcome.Declined declined => new GatewayEvent.PaymentFailed(eventId, charge.Id, now, declined.Code, declined.GatewayCode),
        _ => null,
    };

    public static RefundOutcome RefundOutcome(TapRefund refund) => refund.Status switch
    {
        "DECLINED" or "FAILED" or "CANCELLED" => new RefundOutcome.Declined("refund_failed", "Tap could not make the refund.", refund.Response?.Code ?? refund.Status),
        // REFUNDED, or PENDING while Tap checks the balance and forwards it to the bank.
        _ => new RefundOutcome.Refunded(refund.Id),
    };

    public static RefundOutcome RefundOutcome<T>(JsonReply<T, TapErrors> failed)
        where T : class
    {
        var error = failed.Error?.First;
        return failed.Status switch
        {
            >= HttpStatusCode.InternalServerError or HttpStatusCode.Conflict => new RefundOutcome.Unknown($"tap: HTTP {(int)failed.Status} {error?.Code}"),
            _ when error is null => new RefundOutcome.Unknown($"tap: HTTP {(int)failed.Status} without a usable answer"),
            HttpStatusCode.TooManyRequests => new RefundOutcome.Declined("try_again_later", "Tap is busy; nothing was refunded. Try again.", error.Code),
            _ => new RefundOutcome.Declined("refund_rejected", error.Description ?? "Tap refused the refund.", error.Code),
        };
    }
}
