using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.CarrierBilling;

/// <summary>
/// Direct carrier billing through an operator's GSMA CAMARA Carrier Billing API v0.5 and its Refund
/// API v0.3. Two-step by default: <c>/payments/prepare</c> reserves the amount and the operator sends
/// the user a code (REQUIRES_ACTION with a <see cref="CodePrompt"/>, or a page to open), the code goes
/// to <c>/validate</c>, then <c>/confirm</c> charges. Our gateway idempotency key travels as
/// <c>clientCorrelator</c>, so a repeated request is recognised as the same payment; the operator's
/// <c>paymentId</c> is the reference throughout. Every step of an existing payment starts by reading
/// it (<c>GET /payments/{id}</c>), so a retried step continues where the payment stands.
/// </summary>
public sealed partial class CarrierBillingGateway : IPaymentGateway, IDisposable
{
    public const string GatewayName = "carrier_billing";

    /// <summary>How far back a lookup by <c>clientCorrelator</c> reads the operator's list of our payments.</summary>
    private const int CorrelatorPages = 5;
    private const int CorrelatorPageSize = 100;

    private readonly CarrierBillingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ClientCredentialsTokens _tokens;
    private readonly CarrierBillingApi _api;
    private readonly CarrierBillingNotifications _notifications;

    /// <param name="httpClient">Sends the requests; its timeout is set from <see cref="CarrierBillingOptions.RequestTimeout"/>.</param>
    public CarrierBillingGateway(HttpClient httpClient, CarrierBillingOptions options, TimeProvider time, ILogger<CarrierBillingGateway>? logger = null)
    {
        if (options.Problems().FirstOrDefault() is { Field: not null } problem)
        {
            throw new ArgumentException($"{CarrierBillingOptions.Section}:{problem.Field}: {problem.Problem}", nameof(options));
        }

        httpClient.Timeout = options.RequestTimeout;
        _options = options;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _tokens = new ClientCredentialsTokens(httpClient, "the mobile operator", options.TokenUrl!, options.ClientId, options.ClientSecret, options.Scope, time);
        _api = new CarrierBillingApi(httpClient, _tokens, options);
        _notifications = new CarrierBillingNotifications(_api, options, _logger);
        Capabilities = new GatewayCapabilities(
            new HashSet<PaymentMethodType> { PaymentMethodType.CarrierBilling },
            Currencies: options.Currencies.ToHashSet(StringComparer.Ordinal),
            Regions: new HashSet<string>(),
            PartialRefunds: true);
    }

    public string Name => GatewayName;

    public GatewayCapabilities Capabilities { get; }

    public async Task<GatewayOutcome> ChargeAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        if (request.Instrument is not CarrierBillingInstrument line)
        {
            return new GatewayOutcome.NotSupported("carrier_billing charges phone numbers only.");
        }

        if (PhoneNumbers.IsMasked(line.PhoneNumber))
        {
            // The number as a stored recharge keeps it: the charge is asked again after its answer was
            // lost, and only the payment our clientCorrelator names can be it (none: nothing was charged).
            var reference = CarrierBillingMapping.CorrelatorReference(request.IdempotencyKey);
            return await AboutPaymentAsync(reference, async () =>
                await FindByCorrelatorAsync(request.IdempotencyKey, cancellationToken) is { } earlier
                    ? await EarlierAsync(earlier, cancellationToken)
                    : NeverCreated(reference));
        }

        if (!PhoneNumbers.IsE164(line.PhoneNumber))
        {
            return new GatewayOutcome.NotSupported("carrier_billing needs an E.164 phone number.");
        }

        if (!Capabilities.Currencies.Contains(request.Amount.Currency) || CarrierBillingAmounts.ToCamara(request.Amount) is not { } amount)
        {
            return new GatewayOutcome.NotSupported($"carrier_billing does not bill {request.Amount}.");
        }

        var body = CarrierBillingMapping.PaymentRequest(request, line, amount, _options, _time.GetUtcNow());
        CamaraReply<CamaraPayment> reply;
        try
        {
            reply = _options.Flow == CarrierBillingFlow.TwoStep
                ? await _api.PrepareAsync(body, cancellationToken)
                : await _api.CreateAsync(body, cancellationToken);
        }
        catch (TokenUnavailableException exception)
        {
            return new GatewayOutcome.NotReached($"carrier_billing: {exception.Message}");
        }
        catch (Exception exception) when (exception is JsonException || TransportFailure.IsTransport(exception))
        {
            // The operator may have the payment: it is found again by our clientCorrelator.
            return TransportFailure.ChargeOutcome(GatewayName, exception, CarrierBillingMapping.CorrelatorReference(request.IdempotencyKey));
        }

        if (reply.Body is { } payment)
        {
            // Reserved without a code to ask for: the user agreed by giving the number; charge now.
            return payment is { PaymentStatus: "reserved", ValidationInfo: null }
                ? await AboutPaymentAsync(payment.PaymentId, () => ConfirmReservedAsync(payment.PaymentId, line.PhoneNumber, cancellationToken))
                : CarrierBillingMapping.Prepared(payment, line.PhoneNumber, _options, _time.GetUtcNow());
        }

        if (IsDuplicate(reply))
        {
            // An earlier attempt with this clientCorrelator reached the operator: that payment is this one.
            return await AboutPaymentAsync(CarrierBillingMapping.CorrelatorReference(request.IdempotencyKey), async () =>
                await FindByCorrelatorAsync(request.IdempotencyKey, cancellationToken) is { } earlier
                    ? await EarlierAsync(earlier, cancellationToken)
                    : Refused(CarrierBillingMapping.Failed(reply, null), line.PhoneNumber));
        }

        return Refused(CarrierBillingMapping.Failed(reply, null), line.PhoneNumber);
    }

    /// <summary>
    /// Continues a payment that waited for the user: validates their code and confirms, or confirms a
    /// reservation, or reports where the payment already stands.
    /// </summary>
    public Task<GatewayOutcome> ConfirmAsync(GatewayConfirmation confirmation, CancellationToken cancellationToken) =>
        AboutPaymentAsync(confirmation.GatewayReference, async () =>
        {
            var (payment, failure) = await LocateAsync(confirmation.GatewayReference, cancellationToken);
            return (payment?.PaymentStatus, payment?.AmountTransaction?.PhoneNumber) switch
            {
                (null, _) => failure!,
                ("pending_validation" or "reserved", null) => new GatewayOutcome.Unknown(payment!.PaymentId, "carrier_billing: the operator did not say the payment's phone number"),
                ("pending_validation", { } phone) => await ValidateAsync(payment!, phone, confirmation, cancellationToken),
                ("reserved", { } phone) => await ConfirmReservedAsync(payment!.PaymentId, phone, cancellationToken),
                _ => CarrierBillingMapping.Standing(payment!, confirmation.Pending),
            };
        });

    public Task<GatewayOutcome> LookupAsync(string gatewayReference, CancellationToken cancellationToken) =>
        AboutPaymentAsync(gatewayReference, async () =>
        {
            var (payment, failure) = await LocateAsync(gatewayReference, cancellationToken);
            return payment is null ? failure! : CarrierBillingMapping.Standing(payment, pending: null);
        });

    /// <summary>Cancels a payment still waiting for the user (<c>/cancel</c>), releasing the operator's reservation.</summary>
    public Task<GatewayOutcome> CancelAsync(string gatewayReference, CancellationToken cancellationToken) =>
        AboutPaymentAsync(gatewayReference, async () =>
        {
            var (payment, failure) = await LocateAsync(gatewayReference, cancellationToken);
            if (payment is null)
            {
                return failure!;
            }

            if (payment is not { PaymentStatus: "pending_validation" or "reserved" or "processing", AmountTransaction.PhoneNumber: { } phone })
            {
                return CarrierBillingMapping.Standing(payment, pending: null);
            }

            var cancelled = await _api.CancelAsync(payment.PaymentId, phone, cancellationToken);
            if (!cancelled.Succeeded && cancelled.Status != HttpStatusCode.Conflict)
            {
                return CarrierBillingMapping.Failed(cancelled, payment.PaymentId);
            }

            // Cancelled now, or already settled (409: confirmed or cancelled before): read which.
            return await ReadAfterAsync(payment.PaymentId, cancellationToken);
        });

    /// <summary>
    /// Refunds through the Refund API: a refund already made under this idempotency key is answered
    /// as it stands; otherwise one larger than the operator's <c>remaining-amount</c> is refused
    /// before asking, and the whole of an untouched payment is refunded as <c>total</c>.
    /// </summary>
    public async Task<RefundOutcome> RefundAsync(GatewayRefund refund, CancellationToken cancellationToken)
    {
        if (CarrierBillingAmounts.ToCamara(refund.Amount) is not { } amount)
        {
            return new RefundOutcome.NotSupported($"carrier_billing does not refund {refund.Amount}.");
        }

        RefundPlan plan;
        try
        {
            var (decided, planned) = await PlanRefundAsync(refund, cancellationToken);
            if (decided is not null)
            {
                return decided;
            }

            plan = planned!;
        }
        catch (Exception exception) when (exception is TokenUnavailableException or JsonException || TransportFailure.IsTransport(exception))
        {
            // Only reads were sent; no refund was asked for.
            return new RefundOutcome.NotReached($"carrier_billing: {PhoneNumbers.Redact(exception.Message)}");
        }

        try
        {
            var body = CarrierBillingMapping.RefundRequest(refund, plan.Total, amount, plan.TaxIncluded, _options, _time.GetUtcNow());
            var reply = await _api.CreateRefundAsync(refund.GatewayReference, body, cancellationToken);
            if (reply.Body is { } made)
            {
                return CarrierBillingMapping.Refund(made);
            }

            return IsDuplicate(reply) && await EarlierRefundAsync(refund, cancellationToken) is { } earlier
                ? CarrierBillingMapping.Refund(earlier)
                : CarrierBillingMapping.RefundFailed(reply);
        }
        catch (TokenUnavailableException exception)
        {
            return new RefundOutcome.NotReached($"carrier_billing: {exception.Message}");
        }
        catch (Exception exception) when (exception is JsonException || TransportFailure.IsTransport(exception))
        {
            return TransportFailure.RefundOutcome(GatewayName, exception);
        }
    }

    /// <summary>
    /// Saves the phone number the operator charged for the payment (so it is the one the user's code
    /// verified, or the operator vouched for), read back from the operator: CAMARA keeps nothing for
    /// later, so the number itself is the credential. A repeat still prepares a payment, and the
    /// operator asks the code again unless it waives it.
    /// </summary>
    public async Task<SaveOutcome> SaveInstrumentAsync(InstrumentSaving saving, CancellationToken cancellationToken)
    {
        try
        {
            var (payment, _) = await LocateAsync(saving.GatewayReference, cancellationToken);
            return payment is { PaymentStatus: "succeeded", AmountTransaction.PhoneNumber: { } phone } && PhoneNumbers.IsE164(phone)
                ? new SaveOutcome.Saved(new StoredCredential(null, phone), InstrumentDisplay.Phone(PhoneNumbers.Mask(phone)))
                : new SaveOutcome.NotSaved($"carrier_billing: the operator shows no charged payment with a phone number ({payment?.PaymentStatus ?? "unread"})");
        }
        catch (Exception exception) when (exception is TokenUnavailableException or JsonException || TransportFailure.IsTransport(exception))
        {
            return new SaveOutcome.NotSaved($"carrier_billing: the payment could not be read ({exception.GetType().Name})", Transient: true);
        }
    }

    public Task<WebhookOutcome> ParseWebhookAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        _notifications.ParseAsync(delivery, cancellationToken);

    public void Dispose() => _tokens.Dispose();

    /// <summary>A repeated request: the operator knows its clientCorrelator (400) or its referenceCode (409) already.</summary>
    private static bool IsDuplicate<T>(CamaraReply<T> reply)
        where T : class =>
        reply.Status == HttpStatusCode.Conflict || (reply.Status == HttpStatusCode.BadRequest && reply.Code == "INVALID_ARGUMENT");

    /// <summary>Runs a call about an existing payment: if the operator cannot be asked, where the payment stands is unknown.</summary>
    private static async Task<GatewayOutcome> AboutPaymentAsync(string reference, Func<Task<GatewayOutcome>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is TokenUnavailableException or JsonException || TransportFailure.IsTransport(exception))
        {
            return new GatewayOutcome.Unknown(reference, $"carrier_billing: no usable answer ({exception.GetType().Name})");
        }
    }

    /// <summary>The payment a reference names: by id, or by clientCorrelator while no id came back.</summary>
    private async Task<(CamaraPayment? Payment, GatewayOutcome? Failure)> LocateAsync(string reference, CancellationToken cancellationToken)
    {
        if (CarrierBillingMapping.CorrelatorOf(reference) is { } correlator)
        {
            return await FindByCorrelatorAsync(correlator, cancellationToken) is { } found
                ? (found, null)
                : (null, NeverCreated(reference));
        }

        var reply = await _api.GetAsync(reference, cancellationToken);
        return reply.Body is { } payment ? (payment, null) : (null, CarrierBillingMapping.Failed(reply, reference));
    }

    /// <summary>
    /// A payment request the operator has no trace of. Two-step, nothing can be charged without our
    /// confirmation, so it failed; one-step, the operator may yet charge it, so it stays unknown.
    /// </summary>
    private GatewayOutcome NeverCreated(string reference) => _options.Flow == CarrierBillingFlow.TwoStep
        ? new GatewayOutcome.Declined(reference, "payment_not_found", "The mobile operator never received the payment. Nothing was charged.", null)
        : new GatewayOutcome.Unknown(reference, "carrier_billing: the operator lists no payment with our clientCorrelator yet");

    private async Task<CamaraPayment?> FindByCorrelatorAsync(string correlator, CancellationToken cancellationToken)
    {
        for (var page = 1; page <= CorrelatorPages; page++)
        {
            var reply = await _api.ListAsync(page, CorrelatorPageSize, cancellationToken);
            if (reply.Body is not { } payments)
            {
                throw new HttpRequestException($"The operator's list of payments answered HTTP {(int)reply.Status}.");
            }

            if (payments.FirstOrDefault(p => p.AmountTransaction?.ClientCorrelator == correlator) is { } found)
            {
                return found;
            }

            if (payments.Count < CorrelatorPageSize)
            {
                break;
            }
        }

        return null;
    }

    /// <summary>
    /// The payment an earlier request of this charge made, whose answer was lost. One still waiting
    /// for the user's code cannot go on: CAMARA gives its <c>authorizationId</c> (or validation page)
    /// only in that lost answer, so it is cancelled and the charge fails as interrupted, nothing charged;
    /// the user starts again. Any other stands as the operator shows it.
    /// </summary>
    private async Task<GatewayOutcome> EarlierAsync(CamaraPayment earlier, CancellationToken cancellationToken)
    {
        if (earlier is not { PaymentStatus: "pending_validation", AmountTransaction.PhoneNumber: { } phone })
        {
            return CarrierBillingMapping.Standing(earlier, pending: null);
        }

        await CancelQuietlyAsync(earlier.PaymentId, phone, cancellationToken);
        return new GatewayOutcome.Declined(
            earlier.PaymentId, CarrierBillingMapping.Interrupted, "The payment was interrupted before the code could be asked for. Nothing was charged; please try again.", null);
    }

    /// <summary>Sends the user's code; a good one goes on to the confirmation, a wrong one asks again with one attempt fewer.</summary>
    private async Task<GatewayOutcome> ValidateAsync(CamaraPayment payment, string phone, GatewayConfirmation confirmation, CancellationToken cancellationToken)
    {
        if (confirmation.Code is not { Length: > 0 } code || confirmation.Pending?.CodePrompt is not { } prompt)
        {
            // No code, or none was asked for (the user validates on the operator's page): still waiting.
            return CarrierBillingMapping.Standing(payment, confirmation.Pending);
        }

        var reply = await _api.ValidateAsync(payment.PaymentId, new CamaraValidateRequest(prompt.Challenge, code), cancellationToken);
        if (reply.Succeeded || reply.Status == HttpStatusCode.Conflict)
        {
            // 409: validated by an earlier attempt whose answer was lost.
            return await ConfirmReservedAsync(payment.PaymentId, phone, cancellationToken);
        }

        switch (reply.Code)
        {
            case CarrierBillingMapping.InvalidCode when prompt.AttemptsLeft > 1:
                LogWrongCode(payment.PaymentId, prompt.MaskedDestination, prompt.AttemptsLeft - 1);
                return GatewayOutcome.RequiresAction.ForCode(payment.PaymentId, prompt with { AttemptsLeft = prompt.AttemptsLeft - 1 });
            case CarrierBillingMapping.InvalidCode or CarrierBillingMapping.ValidationFailed:
                LogAttemptsExhausted(payment.PaymentId, prompt.MaskedDestination);
                await CancelQuietlyAsync(payment.PaymentId, phone, cancellationToken);
                return new GatewayOutcome.Declined(
                    payment.PaymentId, CarrierBillingMapping.AttemptsExceeded, "Too many wrong codes. Nothing was charged.", reply.Code);
            case CarrierBillingMapping.InvalidAuthorization:
                await CancelQuietlyAsync(payment.PaymentId, phone, cancellationToken);
                return new GatewayOutcome.Declined(
                    payment.PaymentId, CarrierBillingMapping.CodeExpired, "The code is no longer valid. Nothing was charged.", reply.Code);
            default:
                return CarrierBillingMapping.Failed(reply, payment.PaymentId);
        }
    }

    /// <summary>Charges a reserved payment (<c>/confirm</c>, answered 202) and reads where it stands then.</summary>
    private async Task<GatewayOutcome> ConfirmReservedAsync(string paymentId, string phone, CancellationToken cancellationToken)
    {
        var reply = await _api.ConfirmAsync(paymentId, phone, cancellationToken);
        if (!reply.Succeeded && reply.Code != "CARRIER_BILLING.PAYMENT_CONFIRMED")
        {
            return CarrierBillingMapping.Failed(reply, paymentId);
        }

        return await ReadAfterAsync(paymentId, cancellationToken);
    }

    /// <summary>Where a payment stands after we asked the operator to settle it; still waiting means not applied yet.</summary>
    private async Task<GatewayOutcome> ReadAfterAsync(string paymentId, CancellationToken cancellationToken)
    {
        var after = await _api.GetAsync(paymentId, cancellationToken);
        return after.Body switch
        {
            { PaymentStatus: "pending_validation" or "reserved" } => new GatewayOutcome.Unknown(paymentId, "carrier_billing: the operator has not applied the request yet"),
            { } payment => CarrierBillingMapping.Standing(payment, pending: null),
            null => new GatewayOutcome.Unknown(paymentId, $"carrier_billing: status unread after the request (HTTP {(int)after.Status})"),
        };
    }

    /// <summary>Releases a reservation nobody can complete any more; if that fails the operator lets it lapse.</summary>
    private async Task CancelQuietlyAsync(string paymentId, string phone, CancellationToken cancellationToken)
    {
        try
        {
            await _api.CancelAsync(paymentId, phone, cancellationToken);
        }
        catch (Exception exception) when (exception is TokenUnavailableException or JsonException || TransportFailure.IsTransport(exception))
        {
            LogCancelFailed(paymentId, exception.GetType().Name);
        }
    }

    /// <returns>The refund already made under this key or a refusal decided before asking; else the plan of the refund to ask for.</returns>
    private async Task<(RefundOutcome? Decided, RefundPlan? Plan)> PlanRefundAsync(GatewayRefund refund, CancellationToken cancellationToken)
    {
        if (await EarlierRefundAsync(refund, cancellationToken) is { } earlier)
        {
            return (CarrierBillingMapping.Refund(earlier), null);
        }

        var payment = await _api.GetAsync(refund.GatewayReference, cancellationToken);
        var remaining = await _api.RemainingAmountAsync(refund.GatewayReference, cancellationToken);
        if (payment.Body is not { } paid || remaining.Body is not { } left)
        {
            return (payment.Body is null ? CarrierBillingMapping.RefundFailed(payment) : CarrierBillingMapping.RefundFailed(remaining), null);
        }

        var paidAmount = CarrierBillingMapping.Amount(paid);
        var leftAmount = CarrierBillingAmounts.FromCamara(left.Currency, left.Amount);
        if (paidAmount is null || leftAmount is null || leftAmount.Value.Currency != refund.Amount.Currency)
        {
            return (new RefundOutcome.Declined("refund_currency_mismatch", "The refund is not in the payment's currency.", null), null);
        }

        if (refund.Amount.CompareTo(leftAmount.Value) > 0)
        {
            return (new RefundOutcome.Declined("refund_exceeds_payment", "The refund is more than what is left of the payment.", null), null);
        }

        return (null, new RefundPlan(
            Total: refund.Amount == paidAmount && leftAmount == paidAmount,
            TaxIncluded: paid.AmountTransaction?.PaymentAmount.ChargingInformation.IsTaxIncluded));
    }

    private async Task<CamaraRefund?> EarlierRefundAsync(GatewayRefund refund, CancellationToken cancellationToken)
    {
        var refunds = await _api.ListRefundsAsync(refund.GatewayReference, cancellationToken);
        return refunds.Body?.FirstOrDefault(r => r.AmountTransaction?.ClientCorrelator == refund.IdempotencyKey);
    }

    private GatewayOutcome Refused(GatewayOutcome outcome, string phoneNumber)
    {
        if (outcome is GatewayOutcome.Declined declined)
        {
            LogRefused(PhoneNumbers.Mask(phoneNumber), declined.Code, declined.GatewayCode);
        }

        return outcome;
    }

    /// <param name="Total">Refund the whole payment (<c>total</c>) rather than a part of it.</param>
    /// <param name="TaxIncluded">As the payment was made: the operator refuses a refund that says otherwise.</param>
    private sealed record RefundPlan(bool Total, bool? TaxIncluded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Carrier billing payment for {PhoneNumber} refused by the operator: {Code} ({GatewayCode})")]
    private partial void LogRefused(string phoneNumber, string code, string? gatewayCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Carrier billing payment {PaymentId}: wrong code sent to {PhoneNumber}, {AttemptsLeft} attempts left")]
    private partial void LogWrongCode(string paymentId, string phoneNumber, int attemptsLeft);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Carrier billing payment {PaymentId}: no code attempts left for {PhoneNumber}; cancelling it")]
    private partial void LogAttemptsExhausted(string paymentId, string phoneNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Carrier billing payment {PaymentId} could not be cancelled ({Failure}); the operator lets it lapse")]
    private partial void LogCancelFailed(string paymentId, string failure);
}
