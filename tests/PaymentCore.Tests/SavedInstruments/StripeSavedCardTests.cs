using Grpc.Core;
using PaymentCore.Api.V1;
using PaymentCore.Adapters.Tests.Stripe;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.SavedInstruments;

/// <summary>
/// Saved cards through Stripe, end to end on the real host on Redis and the Stripe stand-in: the
/// saving purchase on the user's Customer, off-session repeats, 3-D Secure on a repeat, cards that
/// expire or are detached, deletion at Stripe, storms, and no gateway id in clear in the logs.
/// </summary>
public sealed class StripeSavedCardTests(StandInHost host) : IClassFixture<StandInHost>
{
    private readonly PaymentCoreServer _server = host.Server;

    [Fact]
    public async Task SaveThenRepeat_ChargesOffSessionWithoutRedirect()
    {
        var user = NewUser();
        var instrument = await SaveAsync(user, "pm_card_visa");

        var repeat = (await _server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId))).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, repeat.Status);
        Assert.Null(repeat.NextAction);
        Assert.Equal(PaymentMethodType.Card, repeat.PaymentMethodType);
        var charge = host.Stripe.Server.RequestsTo("POST", "/v1/payment_intents").Single(r => r.Form.GetValueOrDefault("metadata[recharge_id]") == repeat.RechargeId).Form;
        Assert.Equal("true", charge["off_session"]);
        Assert.Equal("true", charge["confirm"]);
        Assert.StartsWith("cus_", charge["customer"], StringComparison.Ordinal);
        Assert.StartsWith("pm_1Saved", charge["payment_method"], StringComparison.Ordinal);
        Assert.False(charge.ContainsKey("setup_future_usage"));
        Assert.NotNull(Assert.Single(await _server.Recharges.SavedInstrumentsOfAsync(user)).LastUsedAt);
    }

    [Fact]
    public async Task SavingPurchase_AttachesToOneCustomerPerUserAndListsTheCard()
    {
        var user = NewUser();
        var first = await SaveAsync(user, "pm_card_visa");
        var saving = host.Stripe.Server.RequestsTo("POST", "/v1/payment_intents").Last(r => r.Form.GetValueOrDefault("setup_future_usage") is not null).Form;
        Assert.Equal("off_session", saving["setup_future_usage"]);

        var second = (await _server.Recharges.CreateRechargeAsync(Requests.Saving(user, Card("pm_card_visa")))).Recharge;
        Assert.Equal(RechargeStatus.Succeeded, second.Status);

        Assert.Equal(1, host.Stripe.CustomersOf(user));
        var listed = await _server.Recharges.SavedInstrumentsOfAsync(user);
        Assert.Equal(2, listed.Count);
        Assert.Contains(listed, i => i.InstrumentId == first.InstrumentId);
        Assert.All(listed, i => Assert.Equal("Visa ending 4242, expires 08/2030", i.Display.Description));
        Assert.All(listed, i => Assert.Equal(("visa", "4242", 8, 2030), (i.Display.CardBrand, i.Display.CardLast4, i.Display.CardExpMonth, i.Display.CardExpYear)));
        Assert.All(listed, i => Assert.Equal("stripe", i.Gateway));
    }

    [Fact]
    public async Task RepeatRequiringAuthentication_AsksFor3dsOnSessionThenConfirmSucceeds()
    {
        var user = NewUser();
        var instrument = await SaveAfter3dsAsync(user, "pm_card_authenticationRequired");

        var repeat = (await _server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId))).Recharge;
        Assert.Equal(RechargeStatus.RequiresAction, repeat.Status);
        Assert.StartsWith(StripeStub.ThreeDSecureUrl, repeat.NextAction.RedirectUrl, StringComparison.Ordinal);

        host.Stripe.CompleteAuthentication(repeat.GatewayReference);
        var confirmed = (await _server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "c", RechargeId = repeat.RechargeId })).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, confirmed.Status);
        await _server.Wallet.WaitForAsync(received => received.Any(e => e.RechargeId == repeat.RechargeId));
    }

    [Fact]
    public async Task CardAuthenticatedWhenSaved_RepeatsWithoutChallenge()
    {
        var user = NewUser();
        var instrument = await SaveAfter3dsAsync(user, "pm_card_authenticationRequiredOnSetup");

        var repeat = (await _server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId))).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, repeat.Status);
        Assert.Equal("Visa ending 3155, expires 08/2030", instrument.Instrument.Display.Description);
    }

    [Fact]
    public async Task ExpiredCard_FailsWithClearCodeAndBecomesUnusable()
    {
        var user = NewUser();
        var instrument = await SaveAsync(user, "pm_card_visa");
        host.Stripe.ExpireCard(instrument.PaymentMethod);

        var repeat = (await _server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId))).Recharge;

        Assert.Equal(RechargeStatus.Failed, repeat.Status);
        Assert.Equal("expired_card", repeat.Failure.Code);
        Assert.Equal("expired_card", Assert.Single(await _server.Recharges.SavedInstrumentsOfAsync(user)).UnusableReason);
        await RpcAssert.FailsWith(StatusCode.FailedPrecondition, "SAVED_INSTRUMENT_UNUSABLE", () =>
            _server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId)).ResponseAsync);
    }

    [Fact]
    public async Task CardDetachedAtStripe_FailsAndBecomesUnusable()
    {
        var user = NewUser();
        var instrument = await SaveAsync(user, "pm_card_visa");
        host.Stripe.DetachCard(instrument.PaymentMethod);

        var repeat = (await _server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId))).Recharge;

        Assert.Equal(RechargeStatus.Failed, repeat.Status);
        Assert.Equal("instrument_revoked", repeat.Failure.Code);
        var listed = Assert.Single(await _server.Recharges.SavedInstrumentsOfAsync(user));
        Assert.False(listed.Usable);
        Assert.Equal("instrument_revoked", listed.UnusableReason);
    }

    [Fact]
    public async Task DeleteThenPay_DetachesAtStripeAndIsRefused()
    {
        var user = NewUser();
        var instrument = await SaveAsync(user, "pm_card_visa");
        var (paymentMethod, customer) = (instrument.PaymentMethod, instrument.Customer);
        Assert.Contains(paymentMethod, host.Stripe.AttachedTo(customer));

        await _server.Recharges.DeleteSavedInstrumentAsync(new DeleteSavedInstrumentRequest { UserId = user, InstrumentId = instrument.InstrumentId });

        Assert.DoesNotContain(paymentMethod, host.Stripe.AttachedTo(customer));
        Assert.Single(host.Stripe.Server.RequestsTo("POST", $"/v1/payment_methods/{paymentMethod}/detach"));
        await RpcAssert.FailsWith(StatusCode.NotFound, "SAVED_INSTRUMENT_NOT_FOUND", () =>
            _server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId)).ResponseAsync);
    }

    [Fact]
    public async Task DuplicateStormOnSavedCardRecharge_ChargesOnce()
    {
        var user = NewUser();
        var instrument = await SaveAsync(user, "pm_card_visa");
        var request = Requests.PayWithSaved(user, instrument.InstrumentId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            try
            {
                return (await _server.Recharges.CreateRechargeAsync(request)).Recharge.RechargeId;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Aborted)
            {
                return null;
            }
        }));

        var rechargeId = Assert.Single(answers.OfType<string>().Distinct());
        var charges = host.Stripe.Server.RequestsTo("POST", "/v1/payment_intents").Where(r => r.Form.GetValueOrDefault("metadata[recharge_id]") == rechargeId).ToList();
        Assert.Single(charges.Select(c => c.Header("Idempotency-Key")).Distinct());
        await _server.Wallet.WaitForAsync(received => received.Any(e => e.RechargeId == rechargeId));
        await _server.QuietAsync();
        Assert.Single(_server.Wallet.For(rechargeId));
    }

    [Fact]
    public async Task GatewayCustomerAndTokenIds_AreNeverLoggedInClear()
    {
        var user = NewUser();
        var instrument = await SaveAsync(user, "pm_card_visa");
        var (paymentMethod, customer) = (instrument.PaymentMethod, instrument.Customer);
        host.Stripe.ExpireCard(paymentMethod);
        await _server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId));

        var logs = host.Logs.Text;

        Assert.Contains($"Saved instrument {instrument.InstrumentId}", logs, StringComparison.Ordinal);
        Assert.Contains("pm_…" + paymentMethod[^4..], logs, StringComparison.Ordinal);
        Assert.True(!logs.Contains(paymentMethod, StringComparison.Ordinal), string.Join('\n', logs.Split('\n').Where(l => l.Contains(paymentMethod, StringComparison.Ordinal))));
        Assert.DoesNotContain(customer, logs, StringComparison.Ordinal);
    }

    private static PaymentMethod Card(string token) => new() { Card = new CardMethod { GatewayToken = token } };

    private static string NewUser() => "card-saver-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Buys with <paramref name="card"/>, saving it; the instrument, and the PaymentMethod and Customer Stripe attached it as.</summary>
    private async Task<Saved> SaveAsync(string user, string card)
    {
        var saving = (await _server.Recharges.CreateRechargeAsync(Requests.Saving(user, Card(card)))).Recharge;
        Assert.Equal(RechargeStatus.Succeeded, saving.Status);
        return await SavedAsync(user, saving);
    }

    private async Task<Saved> SaveAfter3dsAsync(string user, string card)
    {
        var saving = (await _server.Recharges.CreateRechargeAsync(Requests.Saving(user, Card(card)))).Recharge;
        Assert.Equal(RechargeStatus.RequiresAction, saving.Status);
        host.Stripe.CompleteAuthentication(saving.GatewayReference);
        await _server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "save-confirm", RechargeId = saving.RechargeId });
        return await SavedAsync(user, saving);
    }

    private async Task<Saved> SavedAsync(string user, Recharge saving)
    {
        var intent = host.Stripe.Intent(saving.GatewayReference);
        return new Saved(Assert.Single(await _server.Recharges.SavedInstrumentsOfAsync(user)), intent["payment_method"]!.GetValue<string>(), intent["customer"]!.GetValue<string>());
    }

    private sealed record Saved(SavedInstrument Instrument, string PaymentMethod, string Customer)
    {
        public string InstrumentId => Instrument.InstrumentId;
    }
}
