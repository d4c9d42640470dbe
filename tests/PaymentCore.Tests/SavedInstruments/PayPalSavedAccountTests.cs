using Grpc.Core;
using PaymentCore.Adapters.Tests.PayPal;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.SavedInstruments;

/// <summary>
/// Saved PayPal accounts end to end on the real host on Redis and the PayPal stand-in: vaulted with
/// the saving order, paid with again in one call without the payer, shown with the e-mail masked,
/// deleted at PayPal, refused once PayPal no longer holds them.
/// </summary>
public sealed class PayPalSavedAccountTests(StandInHost host) : IClassFixture<StandInHost>
{
    private readonly PaymentCoreServer _server = host.Server;

    [Fact]
    public async Task SaveThenRepeat_PaysInOneCallWithoutRedirect()
    {
        var user = NewUser();
        var instrument = await SaveAsync(user);

        var repeat = (await _server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId))).Recharge;

        Assert.Equal(RechargeStatus.Succeeded, repeat.Status);
        Assert.Null(repeat.NextAction);
        Assert.Equal(PaymentMethodType.Paypal, repeat.PaymentMethodType);
        await _server.Wallet.WaitForAsync(received => received.Any(e => e.RechargeId == repeat.RechargeId));
        Assert.NotNull(Assert.Single(await _server.Recharges.SavedInstrumentsOfAsync(user)).LastUsedAt);
    }

    [Fact]
    public async Task List_ShowsTheAccountWithItsEmailMasked()
    {
        var user = NewUser();
        var instrument = await SaveAsync(user);

        Assert.Equal(PaymentMethodType.Paypal, instrument.PaymentMethodType);
        Assert.Equal("paypal", instrument.Gateway);
        Assert.Equal("j***@example.com", instrument.Display.PaypalEmailMasked);
        Assert.Equal("PayPal j***@example.com", instrument.Display.Description);
        Assert.DoesNotContain(PayPalStub.PayerEmail, instrument.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteThenPay_DeletesTheTokenAtPayPalAndIsRefused()
    {
        var user = NewUser();
        var tokensBefore = host.PayPal.PaymentTokens.Keys.ToHashSet();
        var instrument = await SaveAsync(user);
        var token = Assert.Single(host.PayPal.PaymentTokens.Keys.Except(tokensBefore));

        await _server.Recharges.DeleteSavedInstrumentAsync(new DeleteSavedInstrumentRequest { UserId = user, InstrumentId = instrument.InstrumentId });

        Assert.DoesNotContain(token, host.PayPal.PaymentTokens.Keys);
        Assert.Single(host.PayPal.Server.RequestsTo("DELETE", $"/v3/vault/payment-tokens/{token}"));
        await RpcAssert.FailsWith(StatusCode.NotFound, "SAVED_INSTRUMENT_NOT_FOUND", () =>
            _server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId)).ResponseAsync);
    }

    [Fact]
    public async Task TokenRevokedAtPayPal_FailsAndBecomesUnusable()
    {
        var user = NewUser();
        var tokensBefore = host.PayPal.PaymentTokens.Keys.ToHashSet();
        var instrument = await SaveAsync(user);
        host.PayPal.RevokePaymentToken(Assert.Single(host.PayPal.PaymentTokens.Keys.Except(tokensBefore)));

        var repeat = (await _server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId))).Recharge;

        Assert.Equal(RechargeStatus.Failed, repeat.Status);
        Assert.Equal("instrument_revoked", repeat.Failure.Code);
        Assert.Equal("instrument_revoked", Assert.Single(await _server.Recharges.SavedInstrumentsOfAsync(user)).UnusableReason);
    }

    [Fact]
    public async Task VaultTokens_AreNeverLoggedInClear()
    {
        var user = NewUser();
        var tokensBefore = host.PayPal.PaymentTokens.Keys.ToHashSet();
        var instrument = await SaveAsync(user);
        var token = Assert.Single(host.PayPal.PaymentTokens.Keys.Except(tokensBefore));
        await _server.Recharges.CreateRechargeAsync(Requests.PayWithSaved(user, instrument.InstrumentId));
        await _server.Recharges.DeleteSavedInstrumentAsync(new DeleteSavedInstrumentRequest { UserId = user, InstrumentId = instrument.InstrumentId });

        var logs = host.Logs.Text;

        Assert.Contains($"Saved instrument {instrument.InstrumentId}", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(PayPalStub.PayerEmail, logs, StringComparison.Ordinal);
    }

    private static string NewUser() => "paypal-saver-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<SavedInstrument> SaveAsync(string user)
    {
        var request = Requests.Saving(user, new PaymentMethod { Paypal = new PayPalMethod { ReturnUrl = "https://shop.example/ok", CancelUrl = "https://shop.example/cancel" } });
        var created = (await _server.Recharges.CreateRechargeAsync(request)).Recharge;
        Assert.Equal(RechargeStatus.RequiresAction, created.Status);
        Assert.Empty(await _server.Recharges.SavedInstrumentsOfAsync(user));
        host.PayPal.Approve(created.GatewayReference);
        var confirmed = (await _server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "approve", RechargeId = created.RechargeId })).Recharge;
        Assert.Equal(RechargeStatus.Succeeded, confirmed.Status);
        return Assert.Single(await _server.Recharges.SavedInstrumentsOfAsync(user));
    }
}
