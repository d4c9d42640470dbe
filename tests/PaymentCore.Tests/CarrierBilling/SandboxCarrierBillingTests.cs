using Grpc.Core;
using PaymentCore.Adapters.Sandbox;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;
using static PaymentCore.Tests.CarrierBilling.CarrierBillingHost;

namespace PaymentCore.Tests.CarrierBilling;

/// <summary>The embedded default (no configuration) walks carrier billing through the Sandbox, as docs/tour.md does with grpcurl.</summary>
public sealed class SandboxCarrierBillingTests
{
    [Fact]
    public async Task EmbeddedDefault_OffersCarrierBillingInGermanyAndBrazil_ThroughTheSandbox()
    {
        await using var server = await PaymentCoreServer.StartAsync([]);

        var germany = await server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "DE" });
        var brazil = await server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "BR" });
        var us = await server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "US" });

        Assert.Contains("carrier_billing", germany.PaymentMethods);
        Assert.Contains("carrier_billing", brazil.PaymentMethods);
        Assert.DoesNotContain("carrier_billing", us.PaymentMethods);
    }

    [Fact]
    public async Task EmbeddedDefault_CodeFlow_WrongCodeThenTheDocumentedCode_Succeeds()
    {
        await using var server = await PaymentCoreServer.StartAsync([]);

        var waiting = (await server.Recharges.CreateRechargeAsync(Buy())).Recharge;
        var again = (await server.Recharges.ConfirmRechargeAsync(Code(waiting, "000000"))).Recharge;
        var paid = (await server.Recharges.ConfirmRechargeAsync(Code(again, SandboxCarrierNumbers.Code))).Recharge;

        Assert.Equal(("sandbox", NextActionType.EnterOtp, MaskedPhone, 3), (waiting.Gateway, waiting.NextAction.Type, waiting.NextAction.EnterOtp.SentTo, waiting.NextAction.EnterOtp.AttemptsLeft));
        Assert.Equal(2, again.NextAction.EnterOtp.AttemptsLeft);
        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
    }

    [Fact]
    public async Task EmbeddedDefault_DocumentedNumbers_CapDeclinedAndNeverAnswering_AndThePurchaseOverTheGermanCap()
    {
        await using var server = await PaymentCoreServer.StartAsync([]);

        var declined = (await server.Recharges.CreateRechargeAsync(Buy(SandboxCarrierNumbers.CapDeclined))).Recharge;
        var silent = (await server.Recharges.CreateRechargeAsync(Buy(SandboxCarrierNumbers.NeverAnswers))).Recharge;
        var overCap = await Assert.ThrowsAsync<RpcException>(() => server.Recharges.CreateRechargeAsync(Buy(package: "coins_6500")).ResponseAsync);

        Assert.Equal((RechargeStatus.Failed, "carrier_limit_exceeded"), (declined.Status, declined.Failure.Code));
        Assert.Equal(RechargeStatus.Unknown, silent.Status);
        Assert.Equal(StatusCode.ResourceExhausted, overCap.StatusCode);
        Assert.Equal("carrier_amount_per_purchase", overCap.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Metadata["limit"]);
    }

    [Fact]
    public async Task EmbeddedDefault_SavedPhoneNumber_RepeatAsksTheDocumentedCodeAgain_AndSucceeds()
    {
        await using var server = await PaymentCoreServer.StartAsync([]);
        var user = Requests.NewUser("phone");
        var saving = Buy(user: user);
        saving.SaveInstrument = new SaveInstrument { ConsentVersion = Requests.SaveConsent };
        var first = (await server.Recharges.CreateRechargeAsync(saving)).Recharge;
        await server.Recharges.ConfirmRechargeAsync(Code(first, SandboxCarrierNumbers.Code));

        var saved = Assert.Single(await server.Recharges.SavedInstrumentsOfAsync(user));
        var waiting = (await server.Recharges.CreateRechargeAsync(BuyWithSaved(user, saved.InstrumentId))).Recharge;
        var paid = (await server.Recharges.ConfirmRechargeAsync(Code(waiting, SandboxCarrierNumbers.Code))).Recharge;

        Assert.Equal(("sandbox", PaymentMethodType.CarrierBilling, MaskedPhone), (saved.Gateway, saved.PaymentMethodType, saved.Display.PhoneNumberMasked));
        Assert.Equal((NextActionType.EnterOtp, MaskedPhone), (waiting.NextAction.Type, waiting.NextAction.EnterOtp.SentTo));
        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
    }
}
