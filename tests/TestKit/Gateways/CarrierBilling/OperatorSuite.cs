namespace PaymentCore.Adapters.Tests.CarrierBilling;

/// <summary>
/// Tests against a fresh operator stand-in each; whatever a test sent, each request must have
/// conformed to the CAMARA specs (checked when the test ends).
/// </summary>
public abstract class OperatorSuite : IAsyncLifetime
{
    protected CarrierBillingStub Operator { get; private set; } = null!;

    public async Task InitializeAsync() => Operator = await CarrierBillingStub.StartAsync();

    public async Task DisposeAsync()
    {
        Assert.Empty(Operator.SpecViolations);
        await Operator.DisposeAsync();
    }
}
