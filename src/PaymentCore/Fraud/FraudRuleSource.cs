using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using PaymentCore.FraudRules;

namespace PaymentCore.Fraud;

/// <summary>
/// The fraud rules in force: the enforced set from <c>FraudRules:Path</c> (none: allow everything)
/// and the dry-run candidate from <c>FraudRules:DryRunPath</c>. Both are loaded when the host starts
/// — a file that does not parse stops startup — and reloaded by <see cref="ReloadChangedFiles"/>.
/// A reload that fails keeps the previous set of that file, logs why and counts the failure.
/// </summary>
public sealed partial class FraudRuleSource
{
    public const string MeterName = "PaymentCore";
    public const string ReloadFailuresInstrument = "paymentcore.fraud_rules.reload_failures";

    private const string EnforcedRole = "enforced";
    private const string DryRunRole = "dry_run";

    private readonly RuleFile? _enforcedFile;
    private readonly RuleFile? _dryRunFile;
    private readonly Counter<long> _reloadFailures;
    private readonly ILogger<FraudRuleSource> _logger;
    private readonly Lock _reloading = new();
    private volatile ScreeningRules _current;

    public FraudRuleSource(IOptions<FraudRulesOptions> options, IMeterFactory meterFactory, ILogger<FraudRuleSource> logger)
    {
        _logger = logger;
        _reloadFailures = meterFactory.Create(MeterName).CreateCounter<long>(
            ReloadFailuresInstrument, unit: "{failure}", description: "Edits of a fraud rules file that were rejected; the previous rules stay in force.");

        var settings = options.Value;
        _enforcedFile = settings.Path is { Length: > 0 } path ? new RuleFile(path, $"{FraudRulesOptions.Section}:Path") : null;
        _dryRunFile = settings.DryRunPath is { Length: > 0 } dryRunPath ? new RuleFile(dryRunPath, $"{FraudRulesOptions.Section}:DryRunPath") : null;

        var enforced = _enforcedFile?.ReadAtStartup() ?? RuleSet.Empty;
        var dryRun = _dryRunFile?.ReadAtStartup();
        _current = new ScreeningRules(enforced, dryRun);

        if (_enforcedFile is null)
        {
            LogNoRules();
        }
        else
        {
            LogLoaded(_enforcedFile.Path, EnforcedRole, enforced.Version, enforced.Rules.Count);
        }

        if (_dryRunFile is not null)
        {
            LogLoaded(_dryRunFile.Path, DryRunRole, dryRun!.Version, dryRun.Rules.Count);
        }
    }

    /// <summary>The rules to screen with now; one immutable snapshot, replaced whole on reload.</summary>
    public ScreeningRules Current => _current;

    /// <summary>Re-reads each file whose last-write time or size changed since it was last read.</summary>
    public void ReloadChangedFiles()
    {
        lock (_reloading)
        {
            var current = _current;
            var enforced = _enforcedFile is null ? current.Enforced : Reload(_enforcedFile, current.Enforced, EnforcedRole);
            var dryRun = _dryRunFile is null ? null : Reload(_dryRunFile, current.DryRun!, DryRunRole);
            if (enforced != current.Enforced || dryRun != current.DryRun)
            {
                _current = new ScreeningRules(enforced, dryRun);
            }
        }
    }

    private RuleSet Reload(RuleFile file, RuleSet previous, string role)
    {
        if (!file.HasChangedSinceLastRead)
        {
            return previous;
        }

        try
        {
            var rules = file.Read();
            LogReloaded(file.Path, role, rules.Version, rules.Rules.Count, previous.Version);
            return rules;
        }
        catch (Exception e) when (e is RuleSetException or IOException or UnauthorizedAccessException)
        {
            _reloadFailures.Add(1, new KeyValuePair<string, object?>("rule_set", role));
            LogReloadRejected(file.Path, role, previous.Version, e.Message);
            return previous;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No fraud rules configured (FraudRules:Path): every charge is allowed")]
    private partial void LogNoRules();

    [LoggerMessage(Level = LogLevel.Information, Message = "Fraud rules {Path} ({Role}) loaded: version {Version}, {RuleCount} rule(s)")]
    private partial void LogLoaded(string path, string role, string version, int ruleCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fraud rules {Path} ({Role}) reloaded: version {Version}, {RuleCount} rule(s), replacing version {PreviousVersion}")]
    private partial void LogReloaded(string path, string role, string version, int ruleCount, string previousVersion);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fraud rules {Path} ({Role}) rejected, version {Version} stays in force: {Problem}")]
    private partial void LogReloadRejected(string path, string role, string version, string problem);
}
