using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PaymentCore.Adapters.CarrierBilling;

namespace PaymentCore.Adapters.Tests.CarrierBilling;

/// <summary>Section <c>Gateways:CarrierBilling</c>: absent means not offered; incomplete fails startup naming the field.</summary>
public sealed class CarrierBillingOptionsTests
{
    private static readonly Dictionary<string, string?> Complete = new()
    {
        ["Gateways:CarrierBilling:ApiBase"] = "https://api.operator.example",
        ["Gateways:CarrierBilling:TokenUrl"] = "https://auth.operator.example/oauth2/token",
        ["Gateways:CarrierBilling:ClientId"] = "merchant",
        ["Gateways:CarrierBilling:ClientSecret"] = "secret",
        ["Gateways:CarrierBilling:NotificationUrl"] = "https://pay.example.com/webhooks/carrier_billing",
        ["Gateways:CarrierBilling:NotificationToken"] = "0123456789abcdef0123456789abcdef",
        ["Gateways:CarrierBilling:Currencies:0"] = "EUR",
        ["Gateways:CarrierBilling:Currencies:1"] = "BRL",
    };

    [Fact]
    public void CompleteSection_Binds()
    {
        var options = Resolve(Complete);

        Assert.True(options.IsConfigured);
        Assert.Equal(["EUR", "BRL"], options.Currencies);
        Assert.Equal(CarrierBillingFlow.TwoStep, options.Flow);
        Assert.Equal("https://api.operator.example/carrier-billing/v0.5/", options.PaymentsApi().AbsoluteUri);
        Assert.Equal("https://api.operator.example/carrier-billing-refund/v0.3/", options.RefundsApi().AbsoluteUri);
    }

    [Fact]
    public void OneStep_IsASetting()
    {
        Assert.Equal(CarrierBillingFlow.OneStep, Resolve(With("Flow", "OneStep")).Flow);
    }

    [Fact]
    public void EmptySection_IsNotConfigured()
    {
        Assert.False(new CarrierBillingOptions().IsConfigured);
    }

    [Theory]
    [InlineData("ApiBase")]
    [InlineData("TokenUrl")]
    [InlineData("ClientId")]
    [InlineData("ClientSecret")]
    [InlineData("NotificationUrl")]
    [InlineData("NotificationToken")]
    [InlineData("Currencies:0")]
    public void MissingField_FailsValidationNamingSectionAndField(string field)
    {
        var settings = new Dictionary<string, string?>(Complete);
        settings.Remove("Gateways:CarrierBilling:" + field);
        settings.Remove("Gateways:CarrierBilling:Currencies:1");
        if (field != "Currencies:0")
        {
            settings["Gateways:CarrierBilling:Currencies:1"] = "BRL";
        }

        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains("Gateways:CarrierBilling:" + field.Split(':')[0], failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NotificationUrl", "http://pay.example.com/webhooks/carrier_billing", "NotificationUrl")]
    [InlineData("NotificationToken", "short", "NotificationToken")]
    [InlineData("Currencies:1", "XYZ", "Currencies")]
    [InlineData("CodeAttempts", "0", "CodeAttempts")]
    public void MalformedField_FailsValidationNamingIt(string key, string value, string field)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(With(key, value)));

        Assert.Contains(field, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gateway_RefusesAnIncompleteSection()
    {
        var options = new CarrierBillingOptions { ClientId = "merchant" };

        var refused = Assert.Throws<ArgumentException>(() => new CarrierBillingGateway(new HttpClient(), options, TimeProvider.System));

        Assert.StartsWith("Gateways:CarrierBilling:ApiBase", refused.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> With(string key, string value) => new(Complete) { ["Gateways:CarrierBilling:" + key] = value };

    /// <summary>As the host binds it: data annotations (and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>) at resolution.</summary>
    private static CarrierBillingOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<CarrierBillingOptions>().BindConfiguration(CarrierBillingOptions.Section).ValidateDataAnnotations();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CarrierBillingOptions>>().Value;
    }
}
