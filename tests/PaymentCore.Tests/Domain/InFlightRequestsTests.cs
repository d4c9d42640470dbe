using PaymentCore.Errors;
using PaymentCore.Orchestration;
using PaymentCore.Recharges;

namespace PaymentCore.Tests.Domain;

public sealed class InFlightRequestsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ConcurrentDuplicates_OneEntersAndEveryOtherIsToldInProgress()
    {
        var inFlight = new InFlightRequests();
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 64).Select(_ => Task.Run(() =>
        {
            start.Wait();
            try
            {
                return (Lease: (InFlightRequests.Lease?)inFlight.Enter(Claim("fp")), Reason: (string?)null);
            }
            catch (PaymentCoreException e)
            {
                return (Lease: null, e.Reason);
            }
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Lease is not null);
        Assert.All(results.Where(r => r.Lease is null), r => Assert.Equal(ErrorReasons.IdempotencyInProgress, r.Reason));
    }

    [Fact]
    public void OtherParametersWhileInFlight_AreAKeyReuse()
    {
        var inFlight = new InFlightRequests();
        using var first = inFlight.Enter(Claim("fp-1"));

        var reuse = Assert.Throws<PaymentCoreException>(() => inFlight.Enter(Claim("fp-2")));

        Assert.Equal(ErrorReasons.IdempotencyKeyReused, reuse.Reason);
    }

    [Fact]
    public void AfterTheFirstEnds_TheSameScopeEntersAgain()
    {
        var inFlight = new InFlightRequests();
        inFlight.Enter(Claim("fp")).Dispose();

        using var held = inFlight.Enter(Claim("fp"));

        Assert.Null(Record.Exception(() => inFlight.Enter(Claim("fp", scope: "caller|user-2|key-1")).Dispose()));
        Assert.Throws<PaymentCoreException>(() => inFlight.Enter(Claim("fp")));
    }

    private static IdempotencyClaim Claim(string fingerprint, string scope = "caller|user-1|key-1") =>
        new("user-1", scope, fingerprint, Now.AddSeconds(30), Now.AddHours(24));
}
