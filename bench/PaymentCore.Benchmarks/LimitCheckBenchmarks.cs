using System.Globalization;
using BenchmarkDotNet.Attributes;
using PaymentCore.Adapters;
using PaymentCore.Adapters.Sandbox;
using PaymentCore.Fraud;
using PaymentCore.Limits;
using PaymentCore.PaymentMethods;
using PaymentCore.Stores.InMemory;

namespace PaymentCore.Benchmarks;

/// <summary>
/// What the limit checks of a CreateRecharge cost: the policy picks the tier and builds one check
/// per counted key (the user's and the instrument's for a Sandbox token), and the guard reserves
/// the attempt on each key of the in-memory limit ledger, with the window counts the fraud rules read.
/// </summary>
[MemoryDiagnoser]
public class LimitCheckBenchmarks
{
    /// <summary>Earlier attempts of the returning user in the window: below the verified tier's 30 per 10 minutes.</summary>
    private const int EarlierAttempts = 20;

    private static readonly Money SmallPackagePrice = new("USD", 99);
    private static readonly SandboxInstrument SandboxOk = new(SandboxTokens.Ok);

    private BenchmarkHost _host = null!;
    private LimitPolicy _policy = null!;
    private LimitGuard _guard = null!;
    private PaymentMethodRegistry _methods = null!;
    private InstrumentFingerprints _fingerprints = null!;
    private IReadOnlyDictionary<LimitDimension, IReadOnlyList<TimeSpan>> _countWindows = null!;
    private TimeProvider _time = null!;
    private long _sequence;

    [GlobalSetup]
    public async Task Setup()
    {
        _host = new BenchmarkHost();
        if (_host.Get<ILimitLedger>() is not InMemoryLimitLedger)
        {
            throw new InvalidOperationException("The host did not register the in-memory limit ledger.");
        }

        _policy = _host.Get<LimitPolicy>();
        _guard = _host.Get<LimitGuard>();
        _methods = _host.Get<PaymentMethodRegistry>();
        _fingerprints = _host.Get<InstrumentFingerprints>();
        _countWindows = _host.Get<RiskAssessment>().CountWindows();
        _time = _host.Get<TimeProvider>();
        for (var i = 0; i < EarlierAttempts; i++)
        {
            Granted(await _guard.ReserveAsync(ChecksFor("returning-user", LimitPolicy.Verified), CancellationToken.None));
        }
    }

    [GlobalCleanup]
    public ValueTask Cleanup() => _host.DisposeAsync();

    /// <summary>
    /// The bench's recharge: a user never seen before, so a fresh user per operation (one who
    /// repeated would trip the unverified tier's 10 attempts per 10 minutes after ten operations).
    /// The ledger keeps what each one counted, as the running service does.
    /// </summary>
    [Benchmark(Baseline = true)]
    public async Task<LimitReservation> ReserveForNewUser() =>
        Granted(await _guard.ReserveAsync(ChecksFor(NextUser(), LimitPolicy.Unverified), CancellationToken.None));

    /// <summary>
    /// A verified user with <see cref="EarlierAttempts"/> attempts in the window: every rule is
    /// evaluated over that history. The attempt is given back afterwards (as for a request that
    /// does not go ahead), so every operation sees the same history.
    /// </summary>
    [Benchmark]
    public async Task ReserveAndCancelForUserWithHistory()
    {
        var reservation = Granted(await _guard.ReserveAsync(ChecksFor("returning-user", LimitPolicy.Verified), CancellationToken.None));
        await _guard.CancelAsync(reservation);
    }

    /// <summary>The checks the orchestrator builds for a Sandbox-token recharge of the smallest US package.</summary>
    private IReadOnlyList<LimitCheck> ChecksFor(string userId, string verificationLevel)
    {
        var now = _time.GetUtcNow();
        var instrumentFingerprint = _fingerprints.Of(_methods.FingerprintOf(userId, SandboxOk), _methods[PaymentMethodType.Sandbox].InstrumentIsPersonalData);
        var attempt = new LimitAttempt(
            Recharges.RechargeId.New(userId, now), userId, verificationLevel, "US", PaymentMethodType.Sandbox, instrumentFingerprint, Ip: null, Device: null, SmallPackagePrice, now);
        return _policy.ChecksFor(attempt, _countWindows);
    }

    private string NextUser() => "limits-user-" + (++_sequence).ToString(CultureInfo.InvariantCulture);

    /// <summary>A refused attempt would measure the refusal, not the check: stop rather than report it.</summary>
    private static LimitReservation Granted(LimitReservation reservation) =>
        reservation.Succeeded ? reservation : throw new InvalidOperationException($"The limits refused the attempt: {reservation.Breach}");
}
