using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PaymentCore.Fraud;
using PaymentCore.FraudRules;
using Microsoft.Extensions.Logging.Testing;

namespace PaymentCore.Tests.Fraud;

/// <summary>Loading at startup and reloading on edit, on real files; each test drives the polls itself.</summary>
public sealed class FraudRuleSourceTests : IDisposable
{
    private const string BlockOver100 = "block_big: block if :amount_usd: > 100\n";
    private const string BlockOver50 = "block_big: block if :amount_usd: > 50\nreview_new: review if :account_age_days: < 1\n";
    private const string Broken = "block_big: block if :amount_usd: > 50\nreview_new: review if :acount_age_days: < 1\n";

    private readonly string _directory = Directory.CreateTempSubdirectory("fraud-rules-").FullName;
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeLogger<FraudRuleSource> _logger = new();
    private readonly CounterRecorder _reloadFailures;

    public FraudRuleSourceTests() =>
        _reloadFailures = new CounterRecorder(MeterFactory, FraudRuleSource.MeterName, FraudRuleSource.ReloadFailuresInstrument);

    private IMeterFactory MeterFactory => _metrics.GetRequiredService<IMeterFactory>();

    [Fact]
    public void NoPath_AllowsEverything()
    {
        var source = NewSource(new FraudRulesOptions());

        var evaluation = source.Current.Evaluate(new RiskFacts { ["amount_usd"] = 1_000_000m });

        Assert.Equal(RuleAction.Allow, evaluation.Enforced.Action);
        Assert.Null(evaluation.DryRun);
        Assert.Empty(source.Current.Enforced.Rules);
    }

    [Fact]
    public void FaultyFileAtStartup_StopsStartup_NamingFileLineAndColumn()
    {
        var path = Write("rules.txt", Broken);

        var error = Assert.Throws<InvalidOperationException>(() => NewSource(new FraudRulesOptions { Path = path }));

        Assert.Equal(
            $"Fraud rules file {path} (FraudRules:Path) is invalid: line 2, column 23: unknown attribute :acount_age_days:; did you mean :account_age_days:?",
            error.Message);
    }

    [Fact]
    public void FaultyDryRunFileAtStartup_StopsStartupToo()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            NewSource(new FraudRulesOptions { Path = Write("rules.txt", BlockOver100), DryRunPath = Write("candidate.txt", Broken) }));

        Assert.StartsWith($"Fraud rules file {Path.Combine(_directory, "candidate.txt")} (FraudRules:DryRunPath) is invalid: line 2, column 23", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileAtStartup_StopsStartup()
    {
        var path = Path.Combine(_directory, "absent.txt");

        var error = Assert.Throws<InvalidOperationException>(() => NewSource(new FraudRulesOptions { Path = path }));

        Assert.StartsWith($"Fraud rules file {path} (FraudRules:Path) cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reload_TakesAValidEdit_AndKeepsThePreviousSetWhenAnEditIsBroken()
    {
        var path = Write("rules.txt", BlockOver100);
        var source = NewSource(new FraudRulesOptions { Path = path });
        var facts = new RiskFacts { ["amount_usd"] = 75m };
        Assert.Equal(RuleAction.Allow, source.Current.Evaluate(facts).Enforced.Action);

        Edit(path, BlockOver50);
        source.ReloadChangedFiles();
        var goodVersion = source.Current.Enforced.Version;
        Assert.Equal(RuleAction.Block, source.Current.Evaluate(facts).Enforced.Action);
        Assert.Equal(RuleSet.Parse(BlockOver50).Version, goodVersion);

        Edit(path, Broken);
        source.ReloadChangedFiles();
        source.ReloadChangedFiles();

        Assert.Equal(goodVersion, source.Current.Enforced.Version);
        Assert.Equal(RuleAction.Block, source.Current.Evaluate(facts).Enforced.Action);
        var error = Assert.Single(_logger.Collector.GetSnapshot(), e => e.Level == LogLevel.Error);
        Assert.Equal(
            $"Fraud rules {path} (enforced) rejected, version {goodVersion} stays in force: line 2, column 23: unknown attribute :acount_age_days:; did you mean :account_age_days:?",
            error.Message);
        var failure = Assert.Single(_reloadFailures.Measurements);
        Assert.Equal(1, failure.Value);
        Assert.Equal("enforced", failure.Tags["rule_set"]);

        Edit(path, BlockOver100);
        source.ReloadChangedFiles();

        Assert.Equal(RuleSet.Parse(BlockOver100).Version, source.Current.Enforced.Version);
    }

    [Fact]
    public void UnchangedFile_IsNotReparsed()
    {
        var path = Write("rules.txt", BlockOver100);
        var source = NewSource(new FraudRulesOptions { Path = path });
        var loaded = source.Current;

        source.ReloadChangedFiles();

        Assert.Same(loaded, source.Current);
    }

    [Fact]
    public void DeletedFile_KeepsThePreviousSet_AndIsReportedOnce()
    {
        var path = Write("rules.txt", BlockOver100);
        var source = NewSource(new FraudRulesOptions { Path = path });
        var version = source.Current.Enforced.Version;

        File.Delete(path);
        source.ReloadChangedFiles();
        source.ReloadChangedFiles();

        Assert.Equal(version, source.Current.Enforced.Version);
        Assert.Single(_logger.Collector.GetSnapshot(), e => e.Level == LogLevel.Error);
        Assert.Single(_reloadFailures.Measurements);
    }

    [Fact]
    public void BrokenDryRunEdit_KeepsThePreviousCandidate_AndLeavesTheEnforcedSetAlone()
    {
        var enforcedPath = Write("rules.txt", BlockOver100);
        var candidatePath = Write("candidate.txt", BlockOver50);
        var source = NewSource(new FraudRulesOptions { Path = enforcedPath, DryRunPath = candidatePath });
        var facts = new RiskFacts { ["amount_usd"] = 75m };

        Edit(candidatePath, Broken);
        Edit(enforcedPath, BlockOver50);
        source.ReloadChangedFiles();

        var evaluation = source.Current.Evaluate(facts);
        Assert.Equal(RuleAction.Block, evaluation.Enforced.Action);
        Assert.Equal(RuleSet.Parse(BlockOver50).Version, evaluation.Enforced.RuleSetVersion);
        Assert.Equal(RuleAction.Block, evaluation.DryRun!.Action);
        Assert.Equal(RuleSet.Parse(BlockOver50).Version, evaluation.DryRun.RuleSetVersion);
        Assert.Equal("dry_run", Assert.Single(_reloadFailures.Measurements).Tags["rule_set"]);
    }

    [Fact]
    public void FraudScreen_EvaluatesEnforcedAndDryRun_AndNamesTheCountersToFetch()
    {
        var source = NewSource(new FraudRulesOptions
        {
            Path = Write("rules.txt", "block_burst: block if :attempts_per_ip_10m: > 20\n"),
            DryRunPath = Write("candidate.txt", "block_burst: block if :attempts_per_ip_10m: > 10 or :declines_per_user_1h: > 3\n"),
        });
        var screen = new FraudScreen(source);

        var evaluation = screen.Evaluate(new RiskFacts { ["attempts_per_ip_10m"] = 15 });

        Assert.Equal(["attempts_per_ip_10m", "declines_per_user_1h"], screen.VelocityAttributesInUse.Select(a => a.Name));
        Assert.Equal(RuleAction.Allow, evaluation.Enforced.Action);
        Assert.Equal(RuleAction.Block, evaluation.DryRun!.Action);
        Assert.Equal("block_burst", evaluation.DryRun.DecidingRuleId);
    }

    public void Dispose()
    {
        _reloadFailures.Dispose();
        _metrics.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private FraudRuleSource NewSource(FraudRulesOptions options) => new(Options.Create(options), MeterFactory, _logger);

    private string Write(string name, string rules)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, rules);
        return path;
    }

    /// <summary>Rewrites the file and moves its last-write time on, as an editor would, whatever the clock's resolution.</summary>
    private static void Edit(string path, string rules)
    {
        var before = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, rules);
        File.SetLastWriteTimeUtc(path, before.AddSeconds(1));
    }
}
