using PaymentCore.Adapters.CarrierBilling;
using static PaymentCore.Adapters.Tests.CarrierBilling.CarrierBillingSetup;

namespace PaymentCore.Adapters.Tests.CarrierBilling;

/// <summary>
/// Tests against a fresh operator stand-in each; whatever a test sent, each request must have
/// conformed to the CAMARA specs (checked when the test ends).
/// </summary>
public abstract class OperatorTests : IAsyncLifetime
{
    protected CarrierBillingStub Operator { get; private set; } = null!;

    public async Task InitializeAsync() => Operator = await CarrierBillingStub.StartAsync();

    public async Task DisposeAsync()
    {
        Assert.Empty(Operator.SpecViolations);
        await Operator.DisposeAsync();
    }

    /// <summary>A payment the user completed with the right code; its operator id.</summary>
    protected static async Task<string> PaidAsync(CarrierBillingGateway gateway, long cents = 499)
    {
        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Charge(cents: cents), default));
        Assert.IsType<GatewayOutcome.Succeeded>(await gateway.ConfirmAsync(Answer(action, CarrierBillingStub.Code), default));
        return action.GatewayReference;
    }
}
