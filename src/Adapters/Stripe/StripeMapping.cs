using System.Net;
using global::Stripe;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.Stripe;

/// <summary>
/// Translates between Stripe.net's types and the adapter contract; the only place that knows both.
/// </summary>
internal static class StripeMapping
{
    public const string RechargeMetadataKey = "recharge_id";

    public static PaymentIntentCreateOptions CreateIntent(GatewayRequest request, CardInstrument card, long stripeAmount, Uri returnUrl) => new()
    {
        Amount = stripeAmount,
        Currency = StripeCurrencyRules.StripeCurrency(request.Amount.Currency),
        PaymentMethod = card.GatewayToken,
        AllowedPaymentMethodTypes = ["card"],
        Confirm = true,
        ReturnUrl = returnUrl.ToString(),
        Description = request.Description,
        Metadata = new Dictionary<string, string> { [RechargeMetadataKey] = request.Reference },
        PaymentMethodOptions = request.StepUp
            ? new PaymentIntentPaymentMethodOptionsOptions { Card = new PaymentIntentPaymentMethodOptionsCardOptions { RequestThreeDSecure = "any" } }
            : null,
    };

    /// <summary>
    /// A wallet payment: a new payment method of the wallet's type, confirmed at once so the answer
    /// carries the next action. The payer always approves in the wallet app, so a step-up asked by
    /// the fraud rules needs nothing more.
    /// </summary>
    public static PaymentIntentCreateOptions CreateIntent(GatewayRequest request, LocalWalletInstrument payer, long stripeAmount)
    {
        var stripeType = StripeWallet.For(payer.MethodType).StripeType;
        return new()
        {
            Amount = stripeAmount,
            Currency = StripeCurrencyRules.StripeCurrency(request.Amount.Currency),
            AllowedPaymentMethodTypes = [stripeType],
            PaymentMethodData = new PaymentIntentPaymentMethodDataOptions { Type = stripeType },
            Confirm = true,
            ReturnUrl = payer.ReturnUrl?.ToString(),
            Description = request.Description,
            Metadata = new Dictionary<string, string> { [RechargeMetadataKey] = request.Reference },
            // WeChat Pay's QR code for a web page; its other clients hand over to an app SDK this core cannot drive.
            PaymentMethodOptions = payer.MethodType == PaymentMethodType.WeChatPay
                ? new PaymentIntentPaymentMethodOptionsOptions { WechatPay = new PaymentIntentPaymentMethodOptionsWechatPayOptions { Client = "web" } }
                : null,
        };
    }

    /// <summary>
    /// A Pix payment: a new pix payment method, confirmed at once so the answer carries the QR code.
    /// Stripe's default expiry (a day) is kept; the code's own expiry comes back with it.
    /// </summary>
    public static PaymentIntentCreateOptions CreatePixIntent(GatewayRequest request, long stripeAmount) =>
        LocalMethodIntent(request, StripeLocalMethod.Pix, stripeAmount);

    /// <summary>
    /// A Konbini payment: a new konbini payment method with the payer's name and e-mail (Stripe wants
    /// both), confirmed at once so the answer carries the voucher. Stripe's default expiry is kept.
    /// </summary>
    public static PaymentIntentCreateOptions CreateKonbiniIntent(GatewayRequest request, KonbiniInstrument shopper, long stripeAmount) =>
        LocalMethodIntent(request, StripeLocalMethod.Konbini, stripeAmount, new PaymentIntentPaymentMethodDataBillingDetailsOptions { Name = shopper.PayerName, Email = shopper.PayerEmail });

    /// <summary>
    /// A Klarna payment: a new klarna payment method with the payer's e-mail and the region as billing
    /// country (Klarna wants both), confirmed at once so the answer carries Klarna's redirect.
    /// </summary>
    public static PaymentIntentCreateOptions CreateKlarnaIntent(GatewayRequest request, KlarnaInstrument buyer, long stripeAmount)
    {
        var intent = LocalMethodIntent(request, StripeLocalMethod.Klarna, stripeAmount, new PaymentIntentPaymentMethodDataBillingDetailsOptions
        {
            Email = buyer.PayerEmail,
            Address = new AddressOptions { Country = request.RegionCode },
        });
        intent.ReturnUrl = buyer.ReturnUrl.ToString();
        return intent;
    }

    private static PaymentIntentCreateOptions LocalMethodIntent(
        GatewayRequest request, StripeLocalMethod method, long stripeAmount, PaymentIntentPaymentMethodDataBillingDetailsOptions? payer = null) => new()
    {
        Amount = stripeAmount,
        Currency = StripeCurrencyRules.StripeCurrency(request.Amount.Currency),
        AllowedPaymentMethodTypes = [method.StripeType],
        PaymentMethodData = new PaymentIntentPaymentMethodDataOptions { Type = method.StripeType, BillingDetails = payer },
        Confirm = true,
        Description = request.Description,
        Metadata = new Dictionary<string, string> { [RechargeMetadataKey] = request.Reference },
    };

    /// <summary>
    /// A SEPA Direct Debit: the bank account payment method Stripe.js made from the IBAN, confirmed
    /// with the mandate the payer accepted online (Stripe needs its IP address and user agent).
    /// Stripe answers <c>processing</c> while the bank collects the debit.
    /// </summary>
    public static PaymentIntentCreateOptions CreateSepaDebitIntent(GatewayRequest request, SepaDebitInstrument debit, long stripeAmount) => new()
    {
        Amount = stripeAmount,
        Currency = StripeCurrencyRules.StripeCurrency(request.Amount.Currency),
        AllowedPaymentMethodTypes = [StripeLocalMethod.SepaDebit.StripeType],
        PaymentMethod = debit.GatewayToken,
        Confirm = true,
        MandateData = new PaymentIntentMandateDataOptions
        {
            CustomerAcceptance = new PaymentIntentMandateDataCustomerAcceptanceOptions
            {
                Type = "online",
                Online = new PaymentIntentMandateDataCustomerAcceptanceOnlineOptions { IpAddress = debit.MandateIpAddress, UserAgent = debit.MandateUserAgent },
            },
        },
        Description = request.Description,
        Metadata = new Dictionary<string, string> { [RechargeMetadataKey] = request.Reference },
    };

    public static RefundCreateOptions CreateRefund(GatewayRefund refund, long stripeAmount) => new()
    {
        PaymentIntent = refund.GatewayReference,
        Amount = stripeAmount,
        Metadata = new Dictionary<string, string> { [RechargeMetadataKey] = refund.Reference },
    };

    public static GatewayOutcome Outcome(PaymentIntent intent) => intent.Status switch
    {
        "succeeded" => new GatewayOutcome.Succeeded(intent.Id),
        "requires_action" when RequiresAction(intent) is { } action => action,
        "requires_action" => new GatewayOutcome.Declined(
            intent.Id, "authentication_not_supported", "The payment asks for an authentication step this checkout cannot show.", intent.NextAction?.Type),
        "requires_payment_method" => Declined(intent.Id, intent.LastPaymentError?.DeclineCode, intent.LastPaymentError?.Code, PayerOf(intent)),
        // A bank debit: the bank collects it over days; an event or a later lookup tells the end.
        "processing" when StripeLocalMethod.Paying(intent.PaymentMethodTypes) is { BankDebit: true } => new GatewayOutcome.Processing(intent.Id),
        "canceled" => new GatewayOutcome.Declined(intent.Id, "payment_canceled", "The payment was canceled.", intent.CancellationReason),
        // processing: the bank has not answered yet; requires_confirmation / requires_capture: states
        // this adapter never asks for. A webhook or the reconciler settles each of them.
        _ => new GatewayOutcome.Unknown(intent.Id, $"stripe: payment intent is {intent.Status}"),
    };

    /// <summary>An error answer to a charge, confirmation or lookup of <paramref name="reference"/>.</summary>
    public static GatewayOutcome Outcome(StripeException exception, string? reference)
    {
        var error = exception.StripeError;
        var status = (int)exception.HttpStatusCode;
        return error?.Type switch
        {
            "card_error" => Declined(error.PaymentIntent?.Id ?? reference, error.DeclineCode, error.Code, Payer.Card),
            _ when error is null || status >= 500 => new GatewayOutcome.Unknown(reference, $"stripe: HTTP {status} without a usable answer"),
            // Stripe rejected the request itself, but an earlier one with this key may have charged.
            "idempotency_error" => new GatewayOutcome.Unknown(reference, "stripe: idempotency key reused with different parameters"),
            _ when exception.HttpStatusCode == HttpStatusCode.TooManyRequests => new GatewayOutcome.Declined(
                reference, "try_again_later", "The payment provider is busy. Nothing was charged; please try again.", error.Code ?? error.Type),
            _ when error.Code == "resource_missing" && error.Param == "payment_method" => new GatewayOutcome.Declined(
                reference, "invalid_token", "The payment token is not valid.", error.Code),
            _ => new GatewayOutcome.Declined(
                reference, "payment_rejected", "The payment provider refused the payment. Nothing was charged.", error.Code ?? error.Type),
        };
    }

    public static GatewayOutcome TransportOutcome(Exception exception, bool mayFailOver, string? reference) =>
        mayFailOver && TransportFailure.NeverSent(exception)
            ? new GatewayOutcome.NotReached($"stripe: {exception.Message}")
            : new GatewayOutcome.Unknown(reference, $"stripe: no answer ({exception.GetType().Name})");

    public static RefundOutcome RefundOutcome(global::Stripe.Refund refund) => refund.Status switch
    {
        "failed" or "canceled" => new RefundOutcome.Declined("refund_failed", "The payment provider could not make the refund.", refund.FailureReason),
        // succeeded, pending, requires_action: Stripe has the refund; a later failure comes as a webhook.
        _ => new RefundOutcome.Refunded(refund.Id),
    };

    public static RefundOutcome RefundOutcome(StripeException exception)
    {
        var error = exception.StripeError;
        var status = (int)exception.HttpStatusCode;
        return error switch
        {
            null => new RefundOutcome.Unknown($"stripe: HTTP {status} without a usable answer"),
            _ when status >= 500 || error.Type == "idempotency_error" => new RefundOutcome.Unknown($"stripe: HTTP {status} ({error.Type})"),
            { Code: "charge_already_refunded" } => new RefundOutcome.Declined("already_refunded", "The payment was already refunded in full.", error.Code),
            _ => new RefundOutcome.Declined("refund_rejected", "The payment provider refused the refund.", error.Code ?? error.Type),
        };
    }

    public static RefundOutcome RefundTransportOutcome(Exception exception) =>
        TransportFailure.NeverSent(exception)
            ? new RefundOutcome.NotReached($"stripe: {exception.Message}")
            : new RefundOutcome.Unknown($"stripe: no answer ({exception.GetType().Name})");

    /// <summary>A verified Stripe event as a domain event, or why the core does not act on it.</summary>
    public static WebhookOutcome Outcome(Event stripeEvent)
    {
        var occurredAt = Utc(stripeEvent.Created);
        GatewayEvent? domainEvent = (stripeEvent.Type, stripeEvent.Data?.Object) switch
        {
            ("payment_intent.succeeded", PaymentIntent intent) when Amount(intent.AmountReceived, intent.Currency) is { } amount =>
                new GatewayEvent.PaymentSucceeded(stripeEvent.Id, intent.Id, occurredAt, amount),
            ("payment_intent.payment_failed", PaymentIntent intent) => PaymentFailed(stripeEvent.Id, intent, occurredAt),
            ("charge.refunded", Charge { PaymentIntentId: { } paymentIntent } charge) when Amount(charge.AmountRefunded, charge.Currency) is { } total =>
                new GatewayEvent.Refunded(stripeEvent.Id, paymentIntent, occurredAt, total, charge.Refunds?.Data?.FirstOrDefault()?.Id),
            // A SEPA Direct Debit returned by the payer's bank is a dispute that is final from the start (no appeal).
            ("charge.dispute.created", Dispute { PaymentIntentId: { } paymentIntent, Status: "lost" } dispute) when Amount(dispute.Amount, dispute.Currency) is { } amount =>
                new GatewayEvent.DisputeLost(stripeEvent.Id, paymentIntent, occurredAt, dispute.Id, amount),
            ("charge.dispute.created", Dispute { PaymentIntentId: { } paymentIntent } dispute) when Amount(dispute.Amount, dispute.Currency) is { } amount =>
                new GatewayEvent.DisputeOpened(stripeEvent.Id, paymentIntent, occurredAt, dispute.Id, amount),
            ("charge.dispute.closed", Dispute { PaymentIntentId: { } paymentIntent } dispute) when Amount(dispute.Amount, dispute.Currency) is { } amount =>
                DisputeClosed(stripeEvent.Id, paymentIntent, occurredAt, dispute, amount),
            _ => null,
        };
        return domainEvent is null
            ? new WebhookOutcome.Ignored(stripeEvent.Id, stripeEvent.Type)
            : new WebhookOutcome.Verified(domainEvent);
    }

    /// <summary>What a delivery that failed verification claims to be about, to look it up at Stripe.</summary>
    public static string? LookupHint(Event? unverified) => unverified?.Data?.Object switch
    {
        PaymentIntent intent => intent.Id,
        Charge charge => charge.PaymentIntentId,
        Dispute dispute => dispute.PaymentIntentId,
        _ => null,
    };

    /// <summary>Who or what a failure of this payment is about, for folding its codes: a card, an app the payer pays in (a wallet, Pix), or a bank debit.</summary>
    private static Payer PayerOf(PaymentIntent intent) => StripeLocalMethod.Paying(intent.PaymentMethodTypes) switch
    {
        { BankDebit: true } => Payer.BankDebit,
        not null => Payer.App,
        null when StripeWallet.Pays(intent.PaymentMethodTypes) => Payer.App,
        null => Payer.Card,
    };

    /// <summary>
    /// The action Stripe asks for: 3-D Secure's or Alipay's redirect, WeChat Pay's or Pix's QR code, or
    /// a Konbini voucher (each with Stripe's page showing it as the redirect, for callers that only
    /// redirect; Pix's and Konbini's with their expiry). Null when the intent asks for something this checkout cannot show (an app SDK, say).
    /// </summary>
    private static GatewayOutcome.RequiresAction? RequiresAction(PaymentIntent intent) => intent.NextAction switch
    {
        { WechatPayDisplayQrCode: { Data: { Length: > 0 } data } qr }
            when AbsoluteUrl(qr.HostedInstructionsUrl) is { } page && AbsoluteUrl(qr.ImageUrlPng) is { } png && AbsoluteUrl(qr.ImageUrlSvg) is { } svg =>
            new GatewayOutcome.RequiresAction(intent.Id, page, new QrCode(data, png, svg)),
        { PixDisplayQrCode: { Data: { Length: > 0 } data } pix }
            when AbsoluteUrl(pix.HostedInstructionsUrl) is { } page && AbsoluteUrl(pix.ImageUrlPng) is { } png && AbsoluteUrl(pix.ImageUrlSvg) is { } svg =>
            new GatewayOutcome.RequiresAction(intent.Id, page, new QrCode(data, png, svg), Expiry(pix.ExpiresAt)),
        { KonbiniDisplayDetails: { } konbini } when AbsoluteUrl(konbini.HostedVoucherUrl) is { } voucher =>
            new GatewayOutcome.RequiresAction(intent.Id, voucher, ExpiresAt: Expiry(konbini.ExpiresAt), Voucher: new StoreVoucher(voucher, StoreCodes(konbini.Stores))),
        { AlipayHandleRedirect.Url: var url } when AbsoluteUrl(url) is { } alipay => new GatewayOutcome.RequiresAction(intent.Id, alipay),
        { RedirectToUrl.Url: var url } when AbsoluteUrl(url) is { } redirect => new GatewayOutcome.RequiresAction(intent.Id, redirect),
        _ => null,
    };

    /// <summary>A Stripe timestamp (Stripe.net reads Unix seconds as a UTC <see cref="DateTime"/>) as an instant.</summary>
    private static DateTimeOffset Utc(DateTime stripeTime) => new(DateTime.SpecifyKind(stripeTime, DateTimeKind.Utc));

    /// <summary>The numbers each store chain's till asks for, for the chains Stripe gave them for.</summary>
    private static List<StorePaymentCode> StoreCodes(PaymentIntentNextActionKonbiniDisplayDetailsStores? stores) =>
        new[]
        {
            ("familymart", stores?.Familymart?.ConfirmationNumber, stores?.Familymart?.PaymentCode),
            ("lawson", stores?.Lawson?.ConfirmationNumber, stores?.Lawson?.PaymentCode),
            ("ministop", stores?.Ministop?.ConfirmationNumber, stores?.Ministop?.PaymentCode),
            ("seicomart", stores?.Seicomart?.ConfirmationNumber, stores?.Seicomart?.PaymentCode),
        }
        .Where(s => !string.IsNullOrEmpty(s.Item2))
        .Select(s => new StorePaymentCode(s.Item1, s.Item2!, string.IsNullOrEmpty(s.Item3) ? null : s.Item3))
        .ToList();

    /// <summary>An action's expiry; null when Stripe sent none (Stripe.net reads a missing one as the epoch).</summary>
    private static DateTimeOffset? Expiry(DateTime stripeTime) => stripeTime > DateTime.UnixEpoch ? Utc(stripeTime) : null;

    private static Uri? AbsoluteUrl(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var url) ? url : null;

    private static GatewayEvent.PaymentFailed PaymentFailed(string eventId, PaymentIntent intent, DateTimeOffset occurredAt)
    {
        var (code, _) = StableDecline(intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code, PayerOf(intent));
        return new GatewayEvent.PaymentFailed(eventId, intent.Id, occurredAt, code, intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code);
    }

    /// <summary>
    /// <c>won</c> keeps the money; so does <c>warning_closed</c>, an inquiry that never became a
    /// chargeback. Only <c>lost</c> loses it.
    /// </summary>
    private static GatewayEvent? DisputeClosed(string eventId, string paymentIntent, DateTimeOffset occurredAt, Dispute dispute, Money amount) =>
        dispute.Status switch
        {
            "won" or "warning_closed" => new GatewayEvent.DisputeWon(eventId, paymentIntent, occurredAt, dispute.Id, amount),
            "lost" => new GatewayEvent.DisputeLost(eventId, paymentIntent, occurredAt, dispute.Id, amount),
            _ => null,
        };

    private static Money? Amount(long stripeAmount, string? currency) =>
        currency is null ? null : StripeCurrencyRules.FromStripeAmount(currency, stripeAmount);

    private static GatewayOutcome.Declined Declined(string? reference, string? declineCode, string? errorCode, Payer payer)
    {
        var gatewayCode = declineCode ?? errorCode;
        var (code, message) = StableDecline(gatewayCode, payer);
        return new GatewayOutcome.Declined(reference, code, message, gatewayCode);
    }

    private static (string Code, string Message) StableDecline(string? stripeCode, Payer payer) => payer switch
    {
        Payer.App => StableWalletDecline(stripeCode),
        Payer.BankDebit => StableDebitDecline(stripeCode),
        _ => StableCardDecline(stripeCode),
    };

    /// <summary>
    /// Why a bank debit failed, days after it was taken: the account could not cover it, or the bank
    /// refused it (closed or blocked account, no mandate, the payer objected). Nothing was collected.
    /// </summary>
    private static (string Code, string Message) StableDebitDecline(string? stripeCode) => stripeCode switch
    {
        "insufficient_funds" => ("insufficient_funds", "The bank account has insufficient funds."),
        _ => ("debit_failed", "The bank did not honour the direct debit."),
    };

    /// <summary>
    /// Why a wallet payment failed, folded like the card codes: the payer let the approval lapse,
    /// refused or failed it in the wallet app, or the wallet declined.
    /// </summary>
    private static (string Code, string Message) StableWalletDecline(string? stripeCode) => stripeCode switch
    {
        "payment_intent_payment_attempt_expired" => ("action_expired", "The payment was not completed in time."),
        "payment_intent_authentication_failure" => ("authentication_failed", "The payment was not approved in the wallet app."),
        "processing_error" or "try_again_later" => ("try_again_later", "The wallet could not process the payment. Please try again."),
        _ => ("payment_declined", "The wallet declined the payment."),
    };

    private enum Payer
    {
        Card,
        App,
        BankDebit,
    }

    /// <summary>
    /// Stripe's decline and error codes folded into our few stable codes. Codes Stripe says must
    /// not be shown (lost or stolen card, fraud, block lists) fold into the generic decline.
    /// </summary>
    private static (string Code, string Message) StableCardDecline(string? stripeCode) => stripeCode switch
    {
        "insufficient_funds" or "card_velocity_exceeded" or "withdrawal_count_limit_exceeded" =>
            ("insufficient_funds", "The card has insufficient funds."),
        "expired_card" or "invalid_expiry_month" or "invalid_expiry_year" =>
            ("expired_card", "The card has expired."),
        "incorrect_number" or "invalid_number" or "incorrect_cvc" or "invalid_cvc" or "incorrect_zip" =>
            ("incorrect_card_details", "The card details are incorrect."),
        "processing_error" or "try_again_later" or "issuer_not_available" or "reenter_transaction" =>
            ("try_again_later", "The card could not be processed. Please try again."),
        "authentication_required" or "payment_intent_authentication_failure" =>
            ("authentication_failed", "The card's authentication did not succeed."),
        _ => ("card_declined", "The card was declined."),
    };
}
