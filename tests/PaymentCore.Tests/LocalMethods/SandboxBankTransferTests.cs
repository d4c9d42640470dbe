using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.LocalMethods;

/// <summary>The embedded default walks the bank-transfer kind of next action with the Sandbox standing in for Xendit.</summary>
public sealed class SandboxBankTransferTests
{
    [Fact]
    public async Task VirtualAccountOnTheEmbeddedDefault_ShowsWhereToTransfer_AndConfirmingStandsForTheTransfer()
    {
        await using var server = await PaymentCoreServer.StartAsync([]);
        var request = LocalRecharges.Request("ID", new PaymentMethod { VirtualAccount = new VirtualAccountMethod { Bank = VirtualAccountBank.Bca } });

        Assert.Contains("virtual_account", (await server.Recharges.ListPackagesAsync(new ListPackagesRequest { RegionCode = "ID" })).PaymentMethods);
        var waiting = (await server.Recharges.CreateRechargeAsync(request)).Recharge;
        var again = (await server.Recharges.GetRechargeAsync(new GetRechargeRequest { RechargeId = waiting.RechargeId })).Recharge;
        var paid = (await server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "transferred", RechargeId = waiting.RechargeId })).Recharge;

        Assert.Equal(("sandbox", NextActionType.BankTransfer, VirtualAccountBank.Bca), (waiting.Gateway, waiting.NextAction.Type, waiting.NextAction.BankTransfer.Bank));
        Assert.Matches("^8808[0-9]{12}$", waiting.NextAction.BankTransfer.AccountNumber);
        Assert.Equal(waiting.Amount, waiting.NextAction.BankTransfer.Amount);
        Assert.Equal(waiting.NextAction, again.NextAction);
        Assert.Equal(RechargeStatus.Succeeded, paid.Status);
        await server.AssertCreditedOnceAsync(waiting);
    }
}
