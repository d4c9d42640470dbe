using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using PaymentCore.Adapters.Sandbox;
using PaymentCore.Api.V1;
using PaymentCore.Telemetry;
using PaymentCore.Tests.Infrastructure;
using PaymentCore.Tests.Security;

namespace PaymentCore.Tests.Telemetry;

/// <summary>No card number, e-mail address, gateway token or secret reaches a log line unmasked.</summary>
public sealed class LogRedactionTests
{
    private const string Pan = "4242 4242 4242 4242";
    private const string PanDigits = "4242424242424242";
    private const string Email = "alice.buyer@example.org";
    private const string GatewayToken = "tok_1QxYzAbCdEfGh";
    private const string PaymentMethodId = "pm_1QxYzAbCdEfGh";
    private const string Iban = "DE89 3704 0044 0532 0130 00";
    private const string Phone = "+4915112345678";

    [Fact]
    public async Task HostLogs_DuringRejectedAndRefusedCalls_HoldNoSensitiveTextUnmasked()
    {
        CapturedLogs? logs = null;
        await using var server = new TlsPaymentCoreServer();
        server.Customize = builder => CapturedLogs.AddTo(builder.Services, captured => logs = captured);
        await server.InitializeAsync();
        using var anonymous = server.Channel();
        using var forged = server.Channel(bearerToken: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        using var caller = server.Channel(bearerToken: server.Tokens.Mint("checkout", "recharge:write"));
        var request = Requests.Create(token: GatewayToken);
        request.Risk = new RiskContext { EmailDomain = $"{Email} {Pan}", DeviceId = PaymentMethodId };

        await Assert.ThrowsAsync<RpcException>(async () => await new RechargeService.RechargeServiceClient(anonymous).CreateRechargeAsync(request));
        await Assert.ThrowsAsync<RpcException>(async () => await new RechargeService.RechargeServiceClient(forged).CreateRechargeAsync(request));
        await Assert.ThrowsAsync<RpcException>(async () => await new RechargeService.RechargeServiceClient(caller).CreateRechargeAsync(request));
        await server.DisposeAsync();

        var text = logs!.Text;
        Assert.Contains("Unauthenticated call", text, StringComparison.Ordinal);
        AssertNothingSensitive(text);
        Assert.DoesNotContain("eyJzdWIiOiJ4In0", text, StringComparison.Ordinal);
    }

    /// <summary>The phone-number twin of the card-number test above: a carrier-billing purchase walked end to end, declines and refusals included.</summary>
    [Fact]
    public async Task HostLogs_DuringCarrierBillingPurchasesAndRefusals_HoldNoPhoneNumberInClear()
    {
        CapturedLogs? logs = null;
        await using var server = await PaymentCoreServer.StartAsync([], services => CapturedLogs.AddTo(services, captured => logs = captured));

        var waiting = (await server.Recharges.CreateRechargeAsync(CarrierPurchase(Phone))).Recharge;
        await server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "wrong", RechargeId = waiting.RechargeId, Otp = "000000" });
        var paid = (await server.Recharges.ConfirmRechargeAsync(new ConfirmRechargeRequest { IdempotencyKey = "right", RechargeId = waiting.RechargeId, Otp = SandboxCarrierNumbers.Code })).Recharge;
        await server.Recharges.RefundRechargeAsync(new RefundRechargeRequest { IdempotencyKey = "refund", RechargeId = paid.RechargeId, Reason = "asked" });
        var declined = (await server.Recharges.CreateRechargeAsync(CarrierPurchase(SandboxCarrierNumbers.CapDeclined))).Recharge;
        await Assert.ThrowsAsync<RpcException>(async () => await server.Recharges.CreateRechargeAsync(CarrierPurchase(Phone, package: "coins_6500")));
        await Assert.ThrowsAsync<RpcException>(async () => await server.Recharges.CreateRechargeAsync(CarrierPurchase("+49 151 12345678")));
        await server.DisposeAsync();

        Assert.Equal((RechargeStatus.Succeeded, "carrier_limit_exceeded"), (paid.Status, declined.Failure.Code));
        var text = logs!.Text;
        Assert.Contains("carrier_billing", text, StringComparison.Ordinal);
        foreach (var clear in new[] { Phone, Phone[1..], Phone[3..], SandboxCarrierNumbers.CapDeclined, "151 12345678" })
        {
            Assert.DoesNotContain(clear, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheFormatter_MasksSensitiveTextInMessagesFieldsScopesAndExceptions()
    {
        var services = new ServiceCollection();
        CapturedLogs? logs = null;
        services.AddLogging(logging => logging.AddConsoleFormatter<RedactingJsonConsoleFormatter, ConsoleFormatterOptions>(o => o.IncludeScopes = true));
        CapturedLogs.AddTo(services, captured => logs = captured);
        using var provider = services.BuildServiceProvider();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("test");

        using (logger.BeginScope("payer {Email}", Email))
        {
#pragma warning disable CA1848, CA2254 // The point is to log sensitive values the careless way.
            logger.LogWarning(new InvalidOperationException($"gateway said no to {PanDigits} and {Iban.Replace(" ", string.Empty, StringComparison.Ordinal)}"), "Charging {Token} for {Who} with card {Card} or account {Iban}; api_key=sk_live_abcdef123 Bearer abc.def", GatewayToken, Email, Pan, Iban);
#pragma warning restore CA1848, CA2254
        }

        var text = logs!.Text;
        Assert.Contains("[card]", text, StringComparison.Ordinal);
        Assert.Contains("[email]", text, StringComparison.Ordinal);
        Assert.Contains("tok_[redacted]", text, StringComparison.Ordinal);
        Assert.Contains("[iban]", text, StringComparison.Ordinal);
        Assert.DoesNotContain("370400440532013000", text.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        AssertNothingSensitive(text);
        Assert.DoesNotContain("sk_live_abcdef123", text, StringComparison.Ordinal);
        Assert.DoesNotContain("abc.def", text, StringComparison.Ordinal);
    }

    private static CreateRechargeRequest CarrierPurchase(string phone, string package = "coins_500")
    {
        var request = Requests.Create(region: "DE", package: package);
        request.PaymentMethod = new PaymentMethod { CarrierBilling = new CarrierBillingMethod { PhoneNumber = phone } };
        return request;
    }

    private static void AssertNothingSensitive(string text)
    {
        Assert.DoesNotContain(Pan, text, StringComparison.Ordinal);
        Assert.DoesNotContain(PanDigits, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Email, text, StringComparison.Ordinal);
        Assert.DoesNotContain("example.org", text, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(PaymentMethodId, text, StringComparison.Ordinal);
    }
}
