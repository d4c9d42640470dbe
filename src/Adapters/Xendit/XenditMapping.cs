using System.Net;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.Xendit;

/// <summary>
/// Translates between Xendit's JSON shapes and the adapter contract; the only place that knows both.
/// The gateway reference of a Xendit payment is its payment request id (<c>pr-…</c>), from creation
/// to refund. Amounts are whole rupiah: Xendit takes IDR without decimals, ISO 4217 gives it two.
/// </summary>
internal static class XenditMapping
{
    public const string Currency = "IDR";
    public const string Country = "ID";
    public const string VirtualAccountType = "VIRTUAL_ACCOUNT";
    public const string EwalletType = "EWALLET";

    /// <summary>
    /// How long OVO's push can be approved, from the payment request's creation. OVO sets it and Xendit
    /// does not answer it; OVO's partner guide asks merchants to show "a specified time limit", which
    /// integrations document as about a minute. Past it the reconciler asks Xendit, and fails the
    /// recharge action_expired if the push is still unanswered (a later approval still credits once).
    /// </summary>
    public static readonly TimeSpan OvoApprovalWindow = TimeSpan.FromSeconds(60);

    private const string OneTimeUse = "ONE_TIME_USE";
    private const string AccountHolder = "Coin purchase";

    /// <summary>IDR's ISO 4217 exponent is 2; Xendit counts whole rupiah.</summary>
    private const long MinorUnitsPerRupiah = 100;

    private static XenditPaymentRequestParameters Parameters(GatewayRequest request, long rupiah, XenditPaymentMethodParameters method) =>
        new(request.Reference, rupiah, Currency, Country, request.Description, method);

    /// <summary>The whole-rupiah amount Xendit expects, or why the amount cannot be sent exactly.</summary>
    public static bool TryRupiah(Money money, out long rupiah, out string problem)
    {
        rupiah = 0;
        problem = money switch
        {
            { Currency: not Currency } => $"Xendit takes {Currency} only here, not {money.Currency}.",
            { MinorUnits: <= 0 } => $"Xendit amounts must be positive, not {money}.",
            { MinorUnits: var units } when units % MinorUnitsPerRupiah != 0 => $"Xendit takes whole rupiah; {money} has a fraction.",
            _ => string.Empty,
        };
        if (problem.Length > 0)
        {
            return false;
        }

        rupiah = money.MinorUnits / MinorUnitsPerRupiah;
        return true;
    }

    /// <summary>A whole-rupiah amount of Xendit's as our money; null when it is not whole or not rupiah.</summary>
    public static Money? Money(string? currency, decimal? amount) =>
        currency == Currency && amount is { } value && value == decimal.Truncate(value) && value >= 0 && value < long.MaxValue / MinorUnitsPerRupiah
            ? new Money(Currency, (long)value * MinorUnitsPerRupiah)
            : null;

    /// <summary>
    /// The payment request for a charge: a one-time QRIS code, a one-time virtual account, or a one-time
    /// e-wallet payment (OVO by the payer's phone number, DANA and ShopeePay by redirect, back to the
    /// request's return URL whatever the outcome). Null for an OVO payment read back from a stored
    /// recharge, which holds its number masked: that one is only ever looked for, never asked again.
    /// </summary>
    /// <param name="expiresAt">When a virtual account stops taking the transfer.</param>
    public static XenditPaymentRequestParameters? PaymentRequest(GatewayRequest request, long rupiah, DateTimeOffset expiresAt) =>
        request.Instrument switch
        {
            QrisInstrument => Parameters(request, rupiah, new XenditPaymentMethodParameters("QR_CODE", OneTimeUse, QrCode: new XenditQrCode("QRIS"))),
            VirtualAccountInstrument account => Parameters(request, rupiah, new XenditPaymentMethodParameters(
                "VIRTUAL_ACCOUNT",
                OneTimeUse,
                // The name the payer's bank shows them before they confirm the transfer: ours, not theirs
                // (PaymentCore holds no payer names).
                VirtualAccount: new XenditVirtualAccount(account.Bank, new XenditVirtualAccountProperties(AccountHolder, null, expiresAt)))),
            EwalletInstrument { Wallet: EwalletWallets.Ovo, HasDialableNumber: true } ovo => Parameters(request, rupiah, new XenditPaymentMethodParameters(
                EwalletType, OneTimeUse, Ewallet: new XenditEwallet(ovo.Wallet, new XenditEwalletProperties(MobileNumber: ovo.PhoneNumber)))),
            EwalletInstrument { Wallet: not EwalletWallets.Ovo, ReturnUrl: { } back } redirect => Parameters(request, rupiah, new XenditPaymentMethodParameters(
                EwalletType, OneTimeUse, Ewallet: new XenditEwallet(redirect.Wallet, new XenditEwalletProperties(back.AbsoluteUri, back.AbsoluteUri, back.AbsoluteUri)))),
            _ => null,
        };

    public static XenditRefundParameters RefundRequest(GatewayRefund refund, long rupiah) =>
        new(refund.GatewayReference, refund.Reference, rupiah, Currency, "REQUESTED_BY_CUSTOMER");

    public static GatewayOutcome Outcome(XenditPaymentRequest request) => request.Status switch
    {
        "SUCCEEDED" => new GatewayOutcome.Succeeded(request.Id),
        "PENDING" or "REQUIRES_ACTION" when Awaiting(request) is { } awaiting => awaiting,
        "EXPIRED" => new GatewayOutcome.Declined(request.Id, "action_expired", "The payment was not completed in time.", "EXPIRED"),
        "FAILED" => new GatewayOutcome.Declined(request.Id, "payment_declined", "The payment failed at Xendit.", request.FailureCode ?? "FAILED"),
        "CANCELED" or "VOIDED" => new GatewayOutcome.Declined(request.Id, "payment_canceled", "The payment was canceled.", request.Status),
        // AWAITING_CAPTURE (we never ask for a manual capture), UNKNOWN, a pending request without an action.
        _ => new GatewayOutcome.Unknown(request.Id, $"xendit: payment request is {request.Status ?? "without status"}"),
    };

    /// <summary>An error answer about <paramref name="reference"/> (null when no payment request exists yet).</summary>
    public static GatewayOutcome Outcome<T>(JsonReply<T, XenditError> failed, string? reference)
        where T : class
    {
        var code = failed.Error?.ErrorCode;
        return failed.Status switch
        {
            HttpStatusCode.TooManyRequests when reference is null => new GatewayOutcome.Declined(
                null, "try_again_later", "The payment provider is busy. Nothing was charged; please try again.", code),
            >= HttpStatusCode.InternalServerError or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests =>
                new GatewayOutcome.Unknown(reference, $"xendit: HTTP {(int)failed.Status} {code}"),
            _ when failed.Error is null => new GatewayOutcome.Unknown(reference, $"xendit: HTTP {(int)failed.Status} without a usable answer"),
            HttpStatusCode.NotFound => new GatewayOutcome.Declined(reference, "payment_not_found", "Xendit has no such payment.", code),
            _ => new GatewayOutcome.Declined(reference, "payment_rejected", "Xendit refused the payment. Nothing was charged.", code),
        };
    }

    /// <summary>What a payment request's state says happened, as an event; null while nothing has.</summary>
    public static GatewayEvent? Event(string eventId, XenditPaymentRequest request, DateTimeOffset now) => Outcome(request) switch
    {
        GatewayOutcome.Succeeded when Money(request.Currency, request.Amount) is { } amount =>
            new GatewayEvent.PaymentSucceeded(eventId, request.Id, now, amount),
        GatewayOutcome.Declined declined => new GatewayEvent.PaymentFailed(eventId, request.Id, now, declined.Code, declined.GatewayCode),
        _ => null,
    };

    public static RefundOutcome RefundOutcome(XenditRefund refund) => refund.Status switch
    {
        "FAILED" => new RefundOutcome.Declined("refund_failed", "Xendit could not make the refund.", refund.FailureCode ?? "FAILED"),
        // SUCCEEDED, or PENDING while the channel processes it: Xendit has the refund.
        _ => new RefundOutcome.Refunded(refund.Id),
    };

    public static RefundOutcome RefundOutcome<T>(JsonReply<T, XenditError> failed)
        where T : class
    {
        var code = failed.Error?.ErrorCode;
        return failed.Status switch
        {
            >= HttpStatusCode.InternalServerError or HttpStatusCode.Conflict => new RefundOutcome.Unknown($"xendit: HTTP {(int)failed.Status} {code}"),
            _ when failed.Error is null => new RefundOutcome.Unknown($"xendit: HTTP {(int)failed.Status} without a usable answer"),
            HttpStatusCode.TooManyRequests => new RefundOutcome.Declined("try_again_later", "Xendit is busy; nothing was refunded. Try again.", code),
            _ => new RefundOutcome.Declined("refund_rejected", failed.Error.Message ?? "Xendit refused the refund.", code),
        };
    }

    /// <summary>The QR code to scan, the account to transfer to, or the page to send the payer to; null when the request shows none.</summary>
    private static GatewayOutcome.RequiresAction? Awaiting(XenditPaymentRequest request)
    {
        if (request.PaymentMethod?.QrCode?.ChannelProperties?.QrString is { Length: > 0 } qr)
        {
            return new GatewayOutcome.RequiresAction(request.Id, RedirectUrl: null, new QrCode(qr, ImagePng: null, ImageSvg: null));
        }

        if (request.PaymentMethod?.VirtualAccount is { ChannelCode: { } bank, ChannelProperties.VirtualAccountNumber: { Length: > 0 } number } account
            && Money(request.Currency, request.Amount ?? account.Amount) is { } amount)
        {
            return new GatewayOutcome.RequiresAction(request.Id, RedirectUrl: null, BankTransfer: new BankTransfer(bank, number, amount, account.ChannelProperties.ExpiresAt));
        }

        if (request.PaymentMethod?.Ewallet is { ChannelCode: EwalletWallets.Ovo } ovo)
        {
            // OVO pushes to its app: nothing to open or scan, only which phone to look at, and until when.
            return new GatewayOutcome.RequiresAction(
                request.Id,
                RedirectUrl: null,
                ExpiresAt: request.Created + OvoApprovalWindow,
                AppApproval: new AppApproval(EwalletWallets.Ovo, PhoneNumbers.Mask(ovo.ChannelProperties?.MobileNumber)));
        }

        return request.Actions?.FirstOrDefault(a => a.UrlType is "WEB" or "MOBILE" or "DEEPLINK" && a.Method is null or "GET")?.Url is { } url
            && Uri.TryCreate(url, UriKind.Absolute, out var page)
            ? new GatewayOutcome.RequiresAction(request.Id, page)
            : null;
    }
}
