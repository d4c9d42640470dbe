using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentCore.Adapters;
using PaymentCore.Adapters.Tap;
using PaymentCore.Adapters.Xendit;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.LocalMethods;

/// <summary>The local gateways' sections: absent, the gateway is not offered; incomplete or for the wrong mode, startup is refused naming the field.</summary>
public sealed class LocalGatewayConfigurationTests
{
    [Fact]
    public void NoXenditSection_XenditIsNotRegistered()
    {
        using var services = ConfiguredGateways.Build([]);

        Assert.DoesNotContain(services.GetServices<IPaymentGateway>(), g => g.Name == XenditGateway.GatewayName);
    }

    [Theory]
    [InlineData("Gateways:Xendit:SecretKey", "xnd_development_1", "Gateways:Xendit:CallbackToken is required")]
    [InlineData("Gateways:Xendit:CallbackToken", "token", "Gateways:Xendit:SecretKey is required")]
    [InlineData("Gateways:Xendit:SecretKey", "sk_test_1", "Gateways:Xendit:SecretKey must start with xnd_development_ or xnd_production_")]
    public void IncompleteXenditSection_IsRefusedNamingTheField(string key, string value, string expected)
    {
        using var services = ConfiguredGateways.Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<XenditOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void XenditProductionKey_InTestMode_IsRefused()
    {
        using var services = ConfiguredGateways.Build(new()
        {
            ["Gateways:Xendit:SecretKey"] = "xnd_production_1",
            ["Gateways:Xendit:CallbackToken"] = "token",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<XenditOptions>>().Value);

        Assert.Contains("Gateways:Xendit:SecretKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Gateways:Tap:ApiBase", "https://api.tap.company", "Gateways:Tap:SecretKey is required")]
    [InlineData("Gateways:Tap:SecretKey", "pk_test_1", "Gateways:Tap:SecretKey must start with sk_test_ or sk_live_")]
    public void IncompleteTapSection_IsRefusedNamingTheField(string key, string value, string expected)
    {
        using var services = ConfiguredGateways.Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TapOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TapLiveKey_InTestMode_IsRefused()
    {
        using var services = ConfiguredGateways.Build(new() { ["Gateways:Tap:SecretKey"] = "sk_live_1" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TapOptions>>().Value);

        Assert.Contains("Gateways:Tap:SecretKey", error.Message, StringComparison.Ordinal);
    }
}
