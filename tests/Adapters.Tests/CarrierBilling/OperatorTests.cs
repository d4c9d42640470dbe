using PaymentCore.Adapters.CarrierBilling;
using static PaymentCore.Adapters.Tests.CarrierBilling.CarrierBillingSetup;

namespace PaymentCore.Adapters.Tests.CarrierBilling;

/// <summary>Tests against a fresh operator stand-in each (<see cref="OperatorSuite"/>), with the steps they share.</summary>
public abstract class OperatorTests : OperatorSuite
{
    /// <summary>A payment the user completed with the right code; its operator id.</summary>
    protected static async Task<string> PaidAsync(CarrierBillingGateway gateway, long cents = 499)
    {
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(cents: cents), default));
        Assert.IsType<GatewayOutcome.Succeeded>(await gateway.ConfirmAsync(Answer(action, CarrierBillingStub.Code), default));
        return action.GatewayReference;
    }
}
