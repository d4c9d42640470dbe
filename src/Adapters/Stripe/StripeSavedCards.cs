using System.Security.Cryptography;
using System.Text;
using global::Stripe;

namespace PaymentCore.Adapters.Stripe;

/// <summary>
/// Saved cards at Stripe. A saving purchase charges on the user's Customer (made once per user: its
/// Idempotency-Key is derived from the user, and the host passes the customer back once it knows
/// it) with <c>setup_future_usage=off_session</c>, so Stripe attaches the PaymentMethod to the
/// Customer when the payment succeeds. A repeat charge is merchant-initiated: <c>off_session=true</c>,
/// <c>confirm=true</c>. When the issuer still wants the payer (<c>authentication_required</c>), the
/// same PaymentIntent is confirmed again on-session, which answers with the 3-D Secure redirect, so
/// the recharge asks for action instead of failing. Deleting detaches the PaymentMethod.
/// </summary>
internal sealed class StripeSavedCards(StripeClient client, StripeOptions options)
{
    private readonly CustomerService _customers = new(client);
    private readonly PaymentMethodService _paymentMethods = new(client);
    private readonly PaymentIntentService _intents = new(client);

    /// <summary>
    /// Puts a saving charge on the user's Customer; null when done, else the outcome of the charge
    /// that was therefore never sent (no Customer, no charge).
    /// </summary>
    public async Task<GatewayOutcome?> PrepareSavingAsync(PaymentIntentCreateOptions create, InstrumentSetup setup, CancellationToken cancellationToken)
    {
        try
        {
            create.Customer = setup.Customer ?? (await _customers.CreateAsync(
                new CustomerCreateOptions { Metadata = new Dictionary<string, string> { ["user_id"] = setup.UserId } },
                new RequestOptions { IdempotencyKey = CustomerKey(setup.UserId) },
                cancellationToken)).Id;
            create.SetupFutureUsage = "off_session";
            return null;
        }
        catch (Exception exception) when (exception is StripeException || Http.TransportFailure.IsTransport(exception))
        {
            return new GatewayOutcome.NotReached($"stripe: the customer to save the card on could not be made ({exception.GetType().Name})");
        }
    }

    /// <summary>A merchant-initiated charge of a saved card.</summary>
    public async Task<GatewayOutcome> ChargeAsync(GatewayRequest request, StoredCredential saved, long stripeAmount, CancellationToken cancellationToken)
    {
        var create = new PaymentIntentCreateOptions
        {
            Amount = stripeAmount,
            Currency = StripeCurrencyRules.StripeCurrency(request.Amount.Currency),
            Customer = saved.Customer,
            PaymentMethod = saved.Token,
            AllowedPaymentMethodTypes = ["card"],
            OffSession = true,
            Confirm = true,
            Description = request.Description,
            Metadata = new Dictionary<string, string> { [StripeMapping.RechargeMetadataKey] = request.Reference },
        };
        try
        {
            return StripeMapping.Outcome(await _intents.CreateAsync(create, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken));
        }
        catch (StripeException exception) when (exception.StripeError is { PaymentIntent.Id: { } intentId } error && IsAuthenticationRequired(error))
        {
            return await OnSessionAsync(intentId, saved, request.IdempotencyKey, cancellationToken);
        }
        catch (StripeException exception) when (exception.StripeError is { Type: "invalid_request_error", Param: "payment_method" } error)
        {
            // Detached at Stripe (by the user, support, or a deletion whose answer we lost): it can never pay again.
            return new GatewayOutcome.Declined(null, InstrumentDeclines.Revoked, "The saved card is no longer available.", error.Code);
        }
        catch (StripeException exception)
        {
            return StripeMapping.Outcome(exception, reference: null);
        }
        catch (Exception exception) when (Http.TransportFailure.IsTransport(exception))
        {
            return StripeMapping.TransportOutcome(exception, mayFailOver: true, reference: null);
        }
    }

    /// <summary>After a saving payment succeeded: the PaymentMethod Stripe attached to the Customer, and the card as the payer knows it.</summary>
    public async Task<SaveOutcome> SaveAsync(InstrumentSaving saving, CancellationToken cancellationToken)
    {
        try
        {
            var intent = await _intents.GetAsync(saving.GatewayReference, cancellationToken: cancellationToken);
            if (intent is not { Status: "succeeded", SetupFutureUsage: "off_session", CustomerId: { } customer, PaymentMethodId: { } paymentMethodId })
            {
                return new SaveOutcome.NotSaved($"stripe: the payment was not made to be saved (status {intent.Status})");
            }

            var card = (await _paymentMethods.GetAsync(paymentMethodId, cancellationToken: cancellationToken)).Card;
            return card is null
                ? new SaveOutcome.NotSaved("stripe: the payment method is not a card")
                : new SaveOutcome.Saved(
                    new StoredCredential(customer, paymentMethodId),
                    InstrumentDisplay.Card(card.Brand, card.Last4, (int)card.ExpMonth, (int)card.ExpYear));
        }
        catch (Exception exception) when (exception is StripeException || Http.TransportFailure.IsTransport(exception))
        {
            return new SaveOutcome.NotSaved(
                $"stripe: the saved card could not be read ({exception.GetType().Name})",
                Transient: exception is not StripeException stripe || (int)stripe.HttpStatusCode is >= 500 or 429);
        }
    }

    /// <summary>Detaches the PaymentMethod from its Customer; one Stripe no longer knows, or that is no longer attached, is gone already.</summary>
    public async Task<DeleteOutcome> DetachAsync(StoredCredential credential, CancellationToken cancellationToken)
    {
        try
        {
            await _paymentMethods.DetachAsync(credential.Token, cancellationToken: cancellationToken);
            return new DeleteOutcome.Deleted();
        }
        catch (StripeException exception) when (exception.StripeError is { Type: "invalid_request_error", Code: "resource_missing" or "payment_method_unexpected_state" })
        {
            return new DeleteOutcome.Deleted();
        }
        catch (Exception exception) when (exception is StripeException || Http.TransportFailure.IsTransport(exception))
        {
            return new DeleteOutcome.NotDeleted($"stripe: detach failed ({exception.GetType().Name})");
        }
    }

    private static bool IsAuthenticationRequired(StripeError error) =>
        error.Code == "authentication_required" || error.DeclineCode == "authentication_required";

    /// <summary>The payer must authenticate: confirm the intent on-session, which answers with the 3-D Secure redirect.</summary>
    private async Task<GatewayOutcome> OnSessionAsync(string intentId, StoredCredential saved, string idempotencyKey, CancellationToken cancellationToken)
    {
        var confirm = new PaymentIntentConfirmOptions { PaymentMethod = saved.Token, ReturnUrl = options.ReturnUrl!.ToString() };
        try
        {
            return StripeMapping.Outcome(await _intents.ConfirmAsync(
                intentId, confirm, new RequestOptions { IdempotencyKey = idempotencyKey + ":on-session" }, cancellationToken));
        }
        catch (StripeException exception)
        {
            return StripeMapping.Outcome(exception, intentId);
        }
        catch (Exception exception) when (Http.TransportFailure.IsTransport(exception))
        {
            return StripeMapping.TransportOutcome(exception, mayFailOver: false, intentId);
        }
    }

    /// <summary>The Idempotency-Key of the user's Customer: the user's id is not sent as a key, only its digest.</summary>
    private static string CustomerKey(string userId) =>
        "customer-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)));
}
