using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
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
