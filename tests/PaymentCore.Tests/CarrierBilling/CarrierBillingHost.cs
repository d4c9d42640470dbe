using PaymentCore.Adapters.Tests.CarrierBilling;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.CarrierBilling;

/// <summary>The host's configuration for a CAMARA operator stand-in, and the requests the carrier tests send.</summary>
public static class CarrierBillingHost
{
    /// <summary>A German mobile number: personal data, to be seen in clear only by the operator.</summary>
    public const string Phone = "+4915112345678";
    public const string MaskedPhone = "+***********78";
    public const string NotificationToken = "notification-token-0123456789abcdef";

    /// <summary>The keys of issue 14 for <paramref name="stub"/>, added to <paramref name="settings"/>.</summary>
    public static Dictionary<string, string?> WithOperator(this Dictionary<string, string?> settings, CarrierBillingStub stub)
    {
        foreach (var (key, value) in Arguments(stub))
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The same keys as command-line arguments, for a host started as its own process.</summary>
    public static IEnumerable<string> CommandLine(CarrierBillingStub stub) => Arguments(stub).Select(a => $"--{a.Key}={a.Value}");

    public static CreateRechargeRequest Buy(string phone = Phone, string package = "coins_500", string? user = null, string? key = null)
    {
        var request = Requests.Create(user: user, region: "DE", package: package, key: key);
        request.PaymentMethod = new PaymentMethod { CarrierBilling = new CarrierBillingMethod { PhoneNumber = phone } };
        return request;
    }

    /// <summary>A German purchase paid with one of the user's saved phone numbers.</summary>
    public static CreateRechargeRequest BuyWithSaved(string user, string instrumentId, string package = "coins_500", string? key = null)
    {
        var request = Requests.Create(user: user, region: "DE", package: package, key: key);
        request.PaymentMethod = new PaymentMethod { Saved = new SavedMethod { InstrumentId = instrumentId } };
        return request;
    }

    public static ConfirmRechargeRequest Code(Recharge recharge, string otp, string? key = null) =>
        new() { IdempotencyKey = key ?? Guid.NewGuid().ToString(), RechargeId = recharge.RechargeId, Otp = otp };

    private static Dictionary<string, string> Arguments(CarrierBillingStub stub) => new()
    {
        ["Gateways:CarrierBilling:ApiBase"] = stub.Server.BaseAddress.ToString(),
        ["Gateways:CarrierBilling:TokenUrl"] = stub.TokenUrl.ToString(),
        ["Gateways:CarrierBilling:ClientId"] = CarrierBillingStub.ClientId,
        ["Gateways:CarrierBilling:ClientSecret"] = CarrierBillingStub.ClientSecret,
        ["Gateways:CarrierBilling:NotificationUrl"] = "https://paymentcore.example/webhooks/carrier_billing",
        ["Gateways:CarrierBilling:NotificationToken"] = NotificationToken,
        ["Gateways:CarrierBilling:Currencies:0"] = "EUR",
        ["Gateways:CarrierBilling:Currencies:1"] = "BRL",
        // Generous on a loaded machine; the timeout test sets its own.
        ["Gateways:CarrierBilling:RequestTimeout"] = "00:00:15",
        ["Limits:FingerprintKey"] = "fingerprint-key-of-the-carrier-tests-0123456789",
        ["SavedInstruments:SealingKey"] = "sealing-key-of-the-carrier-tests-0123456789",
        // Only the operator: the Sandbox also serves carrier_billing, and must not be the one that answers here.
        ["Gateways:Sandbox:Enabled"] = "false",
    };
}
