using PaymentCore.Adapters.Sandbox;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.LocalMethods;

/// <summary>The embedded default walks the approve-in-app kind of next action (OVO's push) with the Sandbox token <c>sandbox_ovo</c>.</summary>
public sealed class SandboxAppApprovalTests
{
    [Fact]
    public async Task OvoTokenOnTheEmbeddedDefault_ShowsTheAppAndTheMaskedNumber_AndConfirmingStandsForTheApproval()
    {
        await using var server = await PaymentCoreServer.StartAsync([]);
        var request = LocalRecharges.Request("ID", new PaymentMethod { Sandbox = new SandboxMethod { Token = SandboxTokens.Ovo } });

        var waiting = (await server.Recharges.CreateRechargeAsync(request)).Recharge;
        var again = (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = waiting.RechargeId })).Recharge;
        var approved = (await server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "approved", RechargeId = waiting.RechargeId })).Recharge;

        Assert.Equal((RechargeStatus.RequiresAction, NextActionType.ApproveInApp), (waiting.Status, waiting.NextAction.Type));
        Assert.Equal((EwalletWallet.Ovo, "+***********90", string.Empty), (waiting.NextAction.ApproveInApp.Wallet, waiting.NextAction.ApproveInApp.PhoneNumber, waiting.NextAction.RedirectUrl));
        Assert.Equal(waiting.NextAction.ExpiresAt, waiting.NextAction.ApproveInApp.ExpiresAt);
        Assert.NotNull(waiting.NextAction.ExpiresAt);
        Assert.Equal(waiting.NextAction, again.NextAction);
        Assert.Equal(RechargeStatus.Succeeded, approved.Status);
        await server.AssertCreditedOnceAsync(waiting);
    }
}
