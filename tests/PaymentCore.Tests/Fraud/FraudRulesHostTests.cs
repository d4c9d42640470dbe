using Microsoft.Extensions.DependencyInjection;
using PaymentCore.Fraud;
using PaymentCore.FraudRules;
using PaymentCore.Hosting;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Fraud;

/// <summary>The fraud rules as the real host wires them: startup checks and the polling watcher.</summary>
public sealed class FraudRulesHostTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fraud-rules-host-").FullName;

    [Fact]
    public async Task FaultyRulesFile_StopsTheHostFromStarting_NamingFileLineAndColumn()
    {
        var path = Path.Combine(_directory, "rules.txt");
        await File.WriteAllTextAsync(path, "block_big: block if :amount_usd > 100\n");
        await using var app = PaymentCoreHost.Build(HostArguments($"--FraudRules:Path={path}"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Equal(
            $"Fraud rules file {path} (FraudRules:Path) is invalid: line 1, column 33: expected ':' right after ':amount_usd' to close the attribute, found '>'",
            error.Message);
    }

    [Fact]
    public async Task RunningHost_PicksUpAnEditedRulesFile_WithoutRestart()
    {
        var path = Path.Combine(_directory, "rules.txt");
        await File.WriteAllTextAsync(path, "block_big: block if :amount_usd: > 100\n");
        await using var app = PaymentCoreHost.Build(HostArguments($"--FraudRules:Path={path}", "--FraudRules:PollInterval=00:00:00.050"));
        await app.StartAsync();
        var screen = app.Services.GetRequiredService<FraudScreen>();
        var facts = new RiskFacts { ["amount_usd"] = 75m };
        Assert.Equal(RuleAction.Allow, screen.Evaluate(facts).Enforced.Action);

        await File.WriteAllTextAsync(path, "block_big: block if :amount_usd: > 50\n");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));

        await Eventually.TrueAsync(() => screen.Evaluate(facts).Enforced.Action == RuleAction.Block, TimeSpan.FromSeconds(10));

        Assert.Equal(RuleAction.Block, screen.Evaluate(facts).Enforced.Action);
        await app.StopAsync();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string[] HostArguments(params string[] fraudRules) =>
    [
        $"--Grpc:Url=http://127.0.0.1:{FreePort.Next()}",
        $"--Http:Url=http://127.0.0.1:{FreePort.Next()}",
        .. fraudRules,
    ];
}
