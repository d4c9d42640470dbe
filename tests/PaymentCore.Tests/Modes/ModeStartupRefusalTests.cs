using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Modes;

/// <summary>
/// The built binary refuses to start, naming the key, on every configuration that would mix test
/// and real money: the Sandbox or test credentials in live mode, live credentials in test mode.
/// </summary>
public sealed class ModeStartupRefusalTests
{
    public static TheoryData<string[], string> Refused => new()
    {
        { ["--Mode=live", "--Gateways:Sandbox:Enabled=true"], "Mode: 'live' does not allow Gateways:Sandbox:Enabled=true" },
        { ["--Mode=Live", "--Gateways:Sandbox:Enabled=True"], "Mode: 'live' does not allow Gateways:Sandbox:Enabled=true" },
        { ["--Mode=live", .. Stripe("sk_test_4eC39HqLyjWDarjtT1zdp7dc")], "Mode: 'live' does not allow Gateways:Stripe:ApiKey=sk_test_…" },
        { ["--Mode=live", .. Stripe("rk_test_restricted")], "Mode: 'live' does not allow Gateways:Stripe:ApiKey=rk_test_…" },
        { ["--Mode=test", .. Stripe("sk_live_realmoney")], "Mode: 'test' does not allow Gateways:Stripe:ApiKey=sk_live_…" },
        { Stripe("rk_live_realmoney"), "Mode: 'test' does not allow Gateways:Stripe:ApiKey=rk_live_…" },
        { ["--Mode=live", .. PayPal("https://api-m.sandbox.paypal.com")], "Mode: 'live' does not allow Gateways:PayPal:ApiBase=api-m.sandbox.paypal.com" },
        { ["--Mode=test", .. PayPal("https://api-m.paypal.com")], "Mode: 'test' does not allow Gateways:PayPal:ApiBase=api-m.paypal.com" },
        { PayPal(null), "Mode: 'test' does not allow Gateways:PayPal:ApiBase=api-m.paypal.com" },
        { ["--Mode=production"], "Mode: 'production' is neither 'test' nor 'live'" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Binary_RefusesToStart_NamingTheKey(string[] settings, string expected)
    {
        var (exitCode, output) = await PaymentCoreProcess.RunCommandAsync(
            [$"--Grpc:Url=http://127.0.0.1:{FreePort.Next()}", $"--Http:Url=http://127.0.0.1:{FreePort.Next()}", .. settings]);

        Assert.Equal(1, exitCode);
        Assert.Contains($"PaymentCore refuses to start: {expected}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        // The key's prefix names it; the secret itself never appears.
        Assert.DoesNotContain("4eC39HqLyjWDarjtT1zdp7dc", output, StringComparison.Ordinal);
        Assert.DoesNotContain("realmoney", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiveMode_WithoutSandboxSetting_StartsWithTheSandboxOff_AndLogsItsMode()
    {
        await using var process = await PaymentCoreProcess.StartAsync("--Mode=live");

        await process.WaitForOutputAsync("PaymentCore runs in live mode");
        Assert.False(process.HasExited);
    }

    [Fact]
    public async Task DefaultMode_IsTest_AndIsLogged()
    {
        await using var process = await PaymentCoreProcess.StartAsync();

        await process.WaitForOutputAsync("PaymentCore runs in test mode");
    }

    private static string[] Stripe(string apiKey) =>
        [$"--Gateways:Stripe:ApiKey={apiKey}", "--Gateways:Stripe:WebhookSecret=whsec_1", "--Gateways:Stripe:ReturnUrl=https://app.example.com/3ds"];

    private static string[] PayPal(string? apiBase) =>
    [
        "--Gateways:PayPal:ClientId=id", "--Gateways:PayPal:ClientSecret=realmoney", "--Gateways:PayPal:WebhookId=WH1",
        .. apiBase is null ? Array.Empty<string>() : [$"--Gateways:PayPal:ApiBase={apiBase}"],
    ];
}
