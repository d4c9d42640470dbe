using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.BlackBox;

/// <summary>
/// The built binary refusing a configuration it cannot serve with, as an operator sees it: exit code
/// 1 and exactly one line on stderr that names the problem, no stack trace on either stream.
/// </summary>
public sealed class StartupRefusalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("startup-refusal-").FullName;

    [Fact]
    public async Task FaultyFraudRulesFile_ExitsWithOneLineNamingTheFileTheSettingAndThePosition()
    {
        var path = Path.Combine(_directory, "rules.txt");
        await File.WriteAllTextAsync(path, "block_big: block if :amount_usd > 100\n");

        var run = await PaymentCoreProcess.RunUntilExitAsync($"--FraudRules:Path={path}");

        AssertRefused(run, $"Fraud rules file {path} (FraudRules:Path) is invalid: line 1, column 33:");
    }

    [Fact]
    public async Task MissingFraudRulesFile_ExitsWithOneLineNamingTheFileAndTheSetting()
    {
        var path = Path.Combine(_directory, "no-such-rules.txt");

        var run = await PaymentCoreProcess.RunUntilExitAsync($"--FraudRules:Path={path}");

        AssertRefused(run, $"Fraud rules file {path} (FraudRules:Path) cannot be read:");
    }

    [Fact]
    public async Task FaultyCatalogFile_ExitsWithOneLineNamingTheFileAndEveryProblem()
    {
        var path = Path.Combine(_directory, "catalog.json");
        await File.WriteAllTextAsync(path, """
            { "regions": [
              { "regionCode": "us", "currency": "USD" },
              { "regionCode": "DE", "currency": "EUR", "taxDisplay": "sometimes", "paymentMethods": { "sandbox": [ "sandbox" ] }, "packages": [] } ] }
            """);

        var run = await PaymentCoreProcess.RunUntilExitAsync($"--Catalog:Path={path}");

        var line = AssertRefused(run, $"Catalog {path} is invalid: ");
        Assert.Contains("regions[0].regionCode: 'us' is not a two-letter upper-case region code; ", line, StringComparison.Ordinal);
        Assert.Contains("; region DE, taxDisplay: 'sometimes' must be \"inclusive\" or \"exclusive\"; ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingCatalogFile_ExitsWithOneLineNamingTheFileAndTheSetting()
    {
        var path = Path.Combine(_directory, "no-such-catalog.json");

        var run = await PaymentCoreProcess.RunUntilExitAsync($"--Catalog:Path={path}");

        AssertRefused(run, $"Catalog {path} is invalid: cannot be read (Catalog:Path):");
    }

    [Theory]
    [InlineData("--RateLimiting:PermitLimit=0", "'PermitLimit' with the error: 'The field PermitLimit must be between 1 and 1000000.'")]
    [InlineData("--Idempotency:Lease=soon", "Failed to convert configuration value 'soon' at 'Idempotency:Lease' to type 'System.TimeSpan'.")]
    [InlineData("--Authentication:Jwt:Issuer=https://issuer.example", "Authentication:Jwt:Audience is required with Authentication:Jwt:Issuer.")]
    public async Task InvalidOptionValue_ExitsWithOneLineNamingTheField(string setting, string expected)
    {
        var run = await PaymentCoreProcess.RunUntilExitAsync(setting);

        var line = AssertRefused(run, string.Empty);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenBindWithoutCallerCredentials_ExitsWithOneLineNamingTheSettingAndTheAddress()
    {
        var run = await PaymentCoreProcess.RunUntilExitAsync($"--Grpc:Url=http://0.0.0.0:{FreePort.Next()}");

        AssertRefused(run, "Grpc:Url: refusing to listen on 0.0.0.0: no caller authentication is configured");
    }

    [Fact]
    public async Task HttpsWithoutACertificate_ExitsWithOneLineNamingTheMissingSettings()
    {
        var run = await PaymentCoreProcess.RunUntilExitAsync($"--Http:Url=https://127.0.0.1:{FreePort.Next()}");

        AssertRefused(run, "Http:Url is https: set Http:Certificate:Path and Http:Certificate:KeyPath (PEM files).");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task IncompleteCarrierBillingSection_ExitsWithOneLineNamingTheMissingField()
    {
        var run = await PaymentCoreProcess.RunUntilExitAsync(
            "--Gateways:CarrierBilling:ApiBase=https://operator.example",
            "--Gateways:CarrierBilling:TokenUrl=https://operator.example/oauth2/token",
            "--Gateways:CarrierBilling:ClientId=merchant",
            "--Gateways:CarrierBilling:NotificationUrl=https://paymentcore.example/webhooks/carrier_billing",
            "--Gateways:CarrierBilling:NotificationToken=notification-token-0123456789abcdef",
            "--Gateways:CarrierBilling:Currencies:0=EUR",
            "--Limits:FingerprintKey=fingerprint-key-0123456789abcdef0123");

        var line = AssertRefused(run, "");
        Assert.Contains("Gateways:CarrierBilling:ClientSecret: is required", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CarrierBillingInLiveModeWithoutAFingerprintKey_ExitsWithOneLineNamingTheKey()
    {
        var run = await PaymentCoreProcess.RunUntilExitAsync(LiveCarrierBilling("--SavedInstruments:SealingKey=sealing-key-0123456789abcdef0123456789"));

        var line = AssertRefused(run, "");
        Assert.Contains("Gateways:CarrierBilling: needs Limits:FingerprintKey in live mode", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CarrierBillingInLiveModeWithoutASealingKey_ExitsWithOneLineNamingTheKey()
    {
        var run = await PaymentCoreProcess.RunUntilExitAsync(LiveCarrierBilling("--Limits:FingerprintKey=fingerprint-key-0123456789abcdef0123"));

        var line = AssertRefused(run, "");
        Assert.Contains("Gateways:CarrierBilling: needs SavedInstruments:SealingKey in live mode", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShortSealingKey_ExitsWithOneLineNamingTheField()
    {
        var run = await PaymentCoreProcess.RunUntilExitAsync("--SavedInstruments:SealingKey=short");

        var line = AssertRefused(run, "");
        Assert.Contains("SavedInstruments:SealingKey: must be at least 32 characters", line, StringComparison.Ordinal);
    }

    /// <summary>A complete carrier-billing operator in live mode, and <paramref name="keys"/>: each live test leaves out the key it is about.</summary>
    private static string[] LiveCarrierBilling(params string[] keys) =>
    [
        "--Mode=live",
        "--Gateways:CarrierBilling:Livemode=true",
        "--Gateways:CarrierBilling:ApiBase=https://operator.example",
        "--Gateways:CarrierBilling:TokenUrl=https://operator.example/oauth2/token",
        "--Gateways:CarrierBilling:ClientId=merchant",
        "--Gateways:CarrierBilling:ClientSecret=secret",
        "--Gateways:CarrierBilling:NotificationUrl=https://paymentcore.example/webhooks/carrier_billing",
        "--Gateways:CarrierBilling:NotificationToken=notification-token-0123456789abcdef",
        "--Gateways:CarrierBilling:Currencies:0=EUR",
        .. keys,
    ];

    /// <summary>Exit code 1, one line on stderr that starts with the refusal and <paramref name="problem"/>; no trace anywhere.</summary>
    private static string AssertRefused(ExitedRun run, string problem)
    {
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("PaymentCore refuses to start: " + problem, line, StringComparison.Ordinal);
        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("   at ", run.StandardError + run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Hosting failed to start", run.StandardOutput, StringComparison.Ordinal);
        return line;
    }
}
