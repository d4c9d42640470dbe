using PaymentCore.Api.V1;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>
/// The guarantees every asynchronous payment method (the payer pays later, outside our flow: Pix,
/// Konbini, SEPA Direct Debit, QRIS, virtual accounts, e-wallets) must keep on a host, written once:
/// the payment's arrival told by the gateway's webhook and the reconciler (and confirmations) at once
/// credits once; a payment that lapses fails <c>action_expired</c>, gives its limit reservation back
/// and credits nothing. Each suite says how its method is started, paid, told and lapsed.
/// </summary>
/// <param name="server">The host the recharges are made on.</param>
/// <param name="create">Starts a recharge of the method; it waits for the payer (REQUIRES_ACTION or PROCESSING).</param>
/// <param name="reserved">What the recharge's user has reserved of their amount limit now, in minor units.</param>
public sealed class AsyncPaymentDriver(PaymentCoreServer server, Func<Task<Recharge>> create, Func<Recharge, Task<long>> reserved)
{
    /// <summary>
    /// The payer pays at the gateway (<paramref name="pay"/>), then every <paramref name="tellers"/>
    /// runs at once (a webhook, reconciler passes, confirmations; each may assert on its own answers):
    /// the recharge succeeds and the wallet is credited exactly once.
    /// </summary>
    public async Task<Recharge> PaidAndToldAtOnce_CreditsOnceAsync(Action<Recharge> pay, params Func<Recharge, Task>[] tellers)
    {
        var waiting = await create();
        pay(waiting);

        await Task.WhenAll(tellers.Select(tell => tell(waiting)));

        Assert.Equal(RechargeStatus.Succeeded, (await server.ReadAsync(waiting)).Status);
        await server.AssertCreditedOnceAsync(waiting);
        return waiting;
    }

    /// <summary>
    /// The recharge holds a limit reservation while it waits; once <paramref name="lapse"/> has let the
    /// payment lapse and the host has heard of it, the recharge is FAILED with "action_expired", shows no
    /// next action, holds no reservation and credits nothing.
    /// </summary>
    public async Task<Recharge> Lapsed_FailsActionExpired_AndReleasesTheReservationAsync(Func<Recharge, Task> lapse)
    {
        var waiting = await create();
        Assert.True(await reserved(waiting) > 0);

        await lapse(waiting);

        var expired = await server.ReadAsync(waiting);
        Assert.Equal((RechargeStatus.Failed, "action_expired"), (expired.Status, expired.Failure.Code));
        Assert.Null(expired.NextAction);
        Assert.Equal(0, await reserved(waiting));
        await server.AssertNothingCreditedAsync(waiting);
        return expired;
    }
}
