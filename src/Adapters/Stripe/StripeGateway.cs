using global::Stripe;

namespace PaymentCore.Adapters.Stripe;

/// <summary>
/// Card, local wallet and local method payments through Stripe PaymentIntents with Stripe.net: create
/// and confirm in one call (with the card's PaymentMethod id, or a new Alipay, WeChat Pay, Pix,
/// Konbini or Klarna payment method, or a SEPA Direct Debit's bank account under its mandate),
/// 3-D Secure and the payer's part as the next action (a redirect, WeChat Pay's or Pix's QR code, a
/// Konbini voucher), a debit the bank collects over days as Processing,
/// our idempotency key as Stripe's <c>Idempotency-Key</c>. Stripe.net's own retries are off: a
/// retry belongs to whoever holds the idempotency key, and a lost answer must surface as
/// <c>Unknown</c>, not as a slow success.
/// </summary>
public sealed class StripeGateway : IPaymentGateway
{
    public const string GatewayName = "stripe";

    private readonly StripeOptions _options;
    private readonly PaymentIntentService _intents;
    private readonly RefundService _refunds;
    private readonly StripeWebhooks _webhooks;
    private readonly StripeSavedCards _savedCards;

    /// <param name="httpClient">Sends the requests; its timeout is set from <see cref="StripeOptions.RequestTimeout"/>.</param>
    public StripeGateway(HttpClient httpClient, StripeOptions options)
    {
        _options = options;
        httpClient.Timeout = options.RequestTimeout;
        var client = new StripeClient(new StripeClientOptions
        {
            ApiKey = options.ApiKey,
            ApiBase = options.ApiBase.ToString().TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(httpClient, maxNetworkRetries: 0, enableTelemetry: false),
        });
        _intents = new PaymentIntentService(client);
        _refunds = new RefundService(client);
        _webhooks = new StripeWebhooks(options.WebhookSecret, options.WebhookTolerance);
        _savedCards = new StripeSavedCards(client, options);
    }

    public string Name => GatewayName;

    public GatewayCapabilities Capabilities { get; } = new(
        new HashSet<PaymentMethodType>([PaymentMethodType.Card, .. StripeWallet.All.Select(w => w.Method), .. StripeLocalMethod.All.Select(m => m.Method)]),
        Currencies: new HashSet<string>(),
        Regions: new HashSet<string>(),
        PartialRefunds: true,
        MethodCurrencies: StripeWallet.All.Select(w => (w.Method, w.Currencies))
            .Concat(StripeLocalMethod.All.Select(m => (m.Method, m.Currencies)))
            .ToDictionary(m => m.Method, IReadOnlySet<string> (m) => m.Currencies));

    public async Task<GatewayOutcome> ChargeAsync(GatewayRequest request, CancellationToken cancellationToken)
    {
        if (!StripeCurrencyRules.TryToStripeAmount(request.Amount, out var stripeAmount, out var problem))
        {
            return new GatewayOutcome.NotSupported(problem);
        }

        if (request.Saved is { } saved)
        {
            return await _savedCards.ChargeAsync(request, saved, stripeAmount, cancellationToken);
        }

        if (request.Instrument is LocalWalletInstrument payer && StripeWallet.For(payer.MethodType).Refusal(payer, request.Amount.Currency) is { } refusal)
        {
            return new GatewayOutcome.NotSupported(refusal);
        }

        if (StripeLocalMethod.All.FirstOrDefault(m => m.Method == request.Instrument.MethodType)?.Refusal(request.Amount.Currency) is { } localRefusal)
        {
            return new GatewayOutcome.NotSupported(localRefusal);
        }

        var create = request.Instrument switch
        {
            CardInstrument card => StripeMapping.CreateIntent(request, card, stripeAmount, _options.ReturnUrl!),
            LocalWalletInstrument wallet => StripeMapping.CreateIntent(request, wallet, stripeAmount),
            PixInstrument => StripeMapping.CreatePixIntent(request, stripeAmount),
            SepaDebitInstrument debit => StripeMapping.CreateSepaDebitIntent(request, debit, stripeAmount),
            KonbiniInstrument shopper => StripeMapping.CreateKonbiniIntent(request, shopper, stripeAmount),
            KlarnaInstrument buyer => StripeMapping.CreateKlarnaIntent(request, buyer, stripeAmount),
            _ => null,
        };
        if (create is null)
        {
            return new GatewayOutcome.NotSupported("Stripe takes cards, Alipay, WeChat Pay, Pix, SEPA Direct Debit, Konbini and Klarna only.");
        }

        if (request.SaveFor is { } setup && await _savedCards.PrepareSavingAsync(create, setup, cancellationToken) is { } notSent)
        {
            return notSent;
        }

        return await CallAsync(
            () => _intents.CreateAsync(create, Idempotent(request.IdempotencyKey), cancellationToken),
            mayFailOver: true,
            reference: null);
    }

    /// <summary>
    /// After the redirect Stripe has usually finished the payment itself, so the intent is read
    /// first and confirmed only when it still waits for confirmation.
    /// </summary>
    public async Task<GatewayOutcome> ConfirmAsync(GatewayConfirmation confirmation, CancellationToken cancellationToken)
    {
        var reference = confirmation.GatewayReference;
        PaymentIntent? waiting = null;
        var current = await CallAsync(
            async () => waiting = await _intents.GetAsync(reference, cancellationToken: cancellationToken),
            mayFailOver: false,
            reference);
        if (waiting?.Status != "requires_confirmation")
        {
            return current;
        }

        var confirm = new PaymentIntentConfirmOptions { ReturnUrl = _options.ReturnUrl!.ToString() };
        return await CallAsync(
            () => _intents.ConfirmAsync(reference, confirm, Idempotent(confirmation.IdempotencyKey), cancellationToken),
            mayFailOver: false,
            reference);
    }

    public Task<GatewayOutcome> LookupAsync(string gatewayReference, CancellationToken cancellationToken) =>
        CallAsync(() => _intents.GetAsync(gatewayReference, cancellationToken: cancellationToken), mayFailOver: false, gatewayReference);

    public async Task<RefundOutcome> RefundAsync(GatewayRefund refund, CancellationToken cancellationToken)
    {
        if (!StripeCurrencyRules.TryToStripeAmount(refund.Amount, out var stripeAmount, out var problem))
        {
            return new RefundOutcome.NotSupported(problem);
        }

        if (StripeLocalMethod.All.FirstOrDefault(m => m.Method == refund.Method)?.RefundRefusal(refund.PaymentAge) is { } tooLate)
        {
            return new RefundOutcome.NotSupported(tooLate);
        }

        try
        {
            var created = await _refunds.CreateAsync(
                StripeMapping.CreateRefund(refund, stripeAmount), Idempotent(refund.IdempotencyKey), cancellationToken);
            return StripeMapping.RefundOutcome(created);
        }
        catch (StripeException exception)
        {
            return StripeMapping.RefundOutcome(exception);
        }
        catch (Exception exception) when (Http.TransportFailure.IsTransport(exception))
        {
            return StripeMapping.RefundTransportOutcome(exception);
        }
    }

    public Task<WebhookOutcome> ParseWebhookAsync(WebhookDelivery delivery, CancellationToken cancellationToken) =>
        Task.FromResult(_webhooks.Parse(delivery));

    public Task<SaveOutcome> SaveInstrumentAsync(InstrumentSaving saving, CancellationToken cancellationToken) =>
        _savedCards.SaveAsync(saving, cancellationToken);

    public Task<DeleteOutcome> DeleteInstrumentAsync(StoredCredential credential, CancellationToken cancellationToken) =>
        _savedCards.DetachAsync(credential, cancellationToken);

    private static RequestOptions Idempotent(string key) => new() { IdempotencyKey = key };

    /// <param name="mayFailOver">Only a new charge may report NotReached; anything about an existing
    /// payment reports Unknown when Stripe cannot be reached, since the payment may have moved on.</param>
    private static async Task<GatewayOutcome> CallAsync(Func<Task<PaymentIntent>> call, bool mayFailOver, string? reference)
    {
        try
        {
            return StripeMapping.Outcome(await call());
        }
        catch (StripeException exception)
        {
            return StripeMapping.Outcome(exception, reference);
        }
        catch (Exception exception) when (Http.TransportFailure.IsTransport(exception))
        {
            return StripeMapping.TransportOutcome(exception, mayFailOver, reference);
        }
    }
}
