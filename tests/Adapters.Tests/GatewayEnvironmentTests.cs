using PaymentCore.Adapters.CarrierBilling;
using PaymentCore.Adapters.PayPal;
using PaymentCore.Adapters.Stripe;

namespace PaymentCore.Adapters.Tests;

/// <summary>What each gateway's options declare about the environment they reach: test, live, or nothing provable.</summary>
public sealed class GatewayEnvironmentTests
{
    [Theory]
    [InlineData("sk_test_4eC39HqLyjWDarjtT1zdp7dc", false, "sk_test_…")]
    [InlineData("rk_test_abc", false, "rk_test_…")]
    [InlineData("sk_live_abc", true, "sk_live_…")]
    [InlineData("rk_live_abc", true, "rk_live_…")]
    public void StripeKey_TellsTheEnvironmentByItsPrefix_WithoutTheSecret(string apiKey, bool livemode, string evidence)
    {
        var environment = new StripeOptions { ApiKey = apiKey }.Environment;

        Assert.Equal(new GatewayEnvironment(livemode, "ApiKey", evidence), environment);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sk_adapter")]
    [InlineData("SK_LIVE_abc")]
    [InlineData("pk_live_abc")]
    public void StripeKey_WithoutAKnownPrefix_ProvesNothing(string apiKey) =>
        Assert.Null(new StripeOptions { ApiKey = apiKey }.Environment);

    [Theory]
    [InlineData("https://api-m.sandbox.paypal.com", false)]
    [InlineData("https://api.sandbox.paypal.com/", false)]
    [InlineData("https://API-M.SANDBOX.PAYPAL.COM", false)]
    [InlineData("https://api-m.paypal.com", true)]
    [InlineData("https://api.paypal.com/v2", true)]
    public void PayPalApiBase_TellsTheEnvironmentByItsHost(string apiBase, bool livemode)
    {
        var environment = new PayPalOptions { ApiBase = new Uri(apiBase) }.Environment;

        Assert.NotNull(environment);
        Assert.Equal((livemode, "ApiBase"), (environment.Livemode, environment.Field));
    }

    [Fact]
    public void PayPal_ByDefault_IsLive() => Assert.True(new PayPalOptions().Environment?.Livemode);

    [Theory]
    [InlineData("http://127.0.0.1:5123")]
    [InlineData("https://paypal-proxy.internal")]
    [InlineData("https://api-m.sandbox.paypal.com.evil.example")]
    public void PayPalApiBase_OnAnotherHost_ProvesNothing(string apiBase) =>
        Assert.Null(new PayPalOptions { ApiBase = new Uri(apiBase) }.Environment);

    [Theory]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    public void CarrierBilling_DeclaresTheEnvironmentItsConfigurationSays(bool livemode, string evidence) =>
        Assert.Equal(new GatewayEnvironment(livemode, "Livemode", evidence), new CarrierBillingOptions { Livemode = livemode }.Environment);

    [Fact]
    public void CarrierBilling_WithoutLivemode_ProvesNothing_EvenOnAnOperatorsHost() =>
        Assert.Null(new CarrierBillingOptions { ApiBase = new Uri("https://opengateway.telefonica.com/apigateway") }.Environment);
}
