using PaymentCore.Adapters;
using PaymentCore.Recharges;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Domain;

/// <summary>
/// The one table of what a gateway's answer, lookup or event means for a recharge: UNKNOWN is
/// settled only by a lookup or an event, a late success only by an event after action_expired,
/// and a word heard twice moves nothing twice.
/// </summary>
public sealed class GatewayMeaningTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan AbandonAfter = TimeSpan.FromMinutes(30);
    private static readonly GatewayEvent Paid = new GatewayEvent.PaymentSucceeded("evt_1", "pi_1", Now, new Money("USD", 99));

    public static TheoryData<RechargeStatus> NotProcessing =>
        new(Enum.GetValues<RechargeStatus>().Where(s => s is not (RechargeStatus.Processing or RechargeStatus.Created)));

    [Theory]
    [MemberData(nameof(NotProcessing))]
    public void Answer_MovesOnlyTheRechargeWhoseCallItAnswers(RechargeStatus status) =>
        Assert.Throws<InvalidOperationException>(() => GatewayMeaning.OfAnswer(Sample(status), new GatewayOutcome.Succeeded("pi_1"), Now));

    [Fact]
    public void Answers_FromProcessing_EachHaveTheirStatus()
    {
        var processing = Sample(RechargeStatus.Processing);
        GatewayOutcome[] outcomes =
        [
            new GatewayOutcome.Succeeded("pi_1"),
            new GatewayOutcome.RequiresAction("pi_1", new Uri("https://pay.example/3ds")),
            new GatewayOutcome.Declined("pi_1", "card_declined", "Declined.", "card_declined"),
            new GatewayOutcome.Unknown(null, "timeout"),
            new GatewayOutcome.NotReached("refused"),
            new GatewayOutcome.NotSupported("no wallets"),
        ];

        var moved = outcomes.Select(o => GatewayMeaning.OfAnswer(processing, o, Now).Recharge).ToList();

        Assert.Equal(
            [RechargeStatus.Succeeded, RechargeStatus.RequiresAction, RechargeStatus.Failed, RechargeStatus.Unknown, RechargeStatus.Failed, RechargeStatus.Failed],
            moved.Select(r => r.Status));
        Assert.Equal(
            [null, null, "card_declined", null, RechargeFailure.GatewayUnavailable, RechargeFailure.PaymentMethodNotSupported],
            moved.Select(r => r.Failure?.Code));
    }

    [Fact]
    public void Unknown_IsSettledByALookupOrAnEvent_NeverByMoreUncertainty()
    {
        var unknown = Sample(RechargeStatus.Unknown);

        var looked = GatewayMeaning.OfLookup(unknown, new GatewayOutcome.Succeeded("pi_1"), Now, AbandonAfter);
        var heard = GatewayMeaning.OfEvent(unknown, Paid, "stripe", Now);

        Assert.Equal((RechargeStatus.Succeeded, CoinEventType.Credit), (looked?.Recharge.Status, looked?.Event?.Type));
        Assert.Equal((RechargeStatus.Succeeded, CoinEventType.Credit), (heard?.Recharge.Status, heard?.Event?.Type));
        Assert.Null(GatewayMeaning.OfLookup(unknown, new GatewayOutcome.Unknown("pi_1", "timeout"), Now, AbandonAfter));
        Assert.Null(GatewayMeaning.OfLookup(unknown, new GatewayOutcome.RequiresAction("pi_1", new Uri("https://pay.example/3ds")), Now, AbandonAfter));
        Assert.Null(GatewayMeaning.OfLookup(unknown, new GatewayOutcome.NotReached("refused"), Now, AbandonAfter));
        Assert.Null(GatewayMeaning.OfLookup(unknown, outcome: null, Now, AbandonAfter));
    }

    [Fact]
    public void LookupThatNeverReachedTheGateway_ChangesNothing() =>
        Assert.Null(GatewayMeaning.OfLookup(Sample(RechargeStatus.Processing), new GatewayOutcome.NotReached("refused"), Now, AbandonAfter));

    [Fact]
    public void PayerWhoDoesNotAct_IsGivenUpOnByALookupOnlyOnceTheWaitIsOver()
    {
        var waiting = Sample(RechargeStatus.RequiresAction) with { NextAction = new RechargeNextAction(new Uri("https://pay.example/3ds")) };
        var stillWaiting = new GatewayOutcome.RequiresAction("pi_1", new Uri("https://pay.example/3ds"));

        Assert.Null(GatewayMeaning.OfLookup(waiting, stillWaiting, Now + AbandonAfter - TimeSpan.FromTicks(1), AbandonAfter));
        var expired = GatewayMeaning.OfLookup(waiting, stillWaiting, Now + AbandonAfter, AbandonAfter)!.Recharge;

        Assert.Equal((RechargeStatus.Failed, RechargeFailure.ActionExpired, null), (expired.Status, expired.Failure?.Code, expired.NextAction));
    }

    [Fact]
    public void CancellationOfALapsedAction_HeardBeforeTheReconcilerRecordedIt_IsActionExpired_OtherwiseTheGatewaysWord()
    {
        var waiting = Sample(RechargeStatus.RequiresAction) with { NextAction = new RechargeNextAction(new Uri("https://pay.example/3ds")) };
        var cancelled = new GatewayEvent.PaymentFailed("evt_1", "pi_1", Now, RechargeFailure.PaymentCanceled, "cancelled");

        var afterTheWait = GatewayMeaning.OfEvent(waiting, cancelled, "stripe", Now + AbandonAfter, AbandonAfter)!.Recharge;
        var withinIt = GatewayMeaning.OfEvent(waiting, cancelled, "stripe", Now + AbandonAfter - TimeSpan.FromTicks(1), AbandonAfter)!.Recharge;

        Assert.Equal((RechargeStatus.Failed, RechargeFailure.ActionExpired, null), (afterTheWait.Status, afterTheWait.Failure?.Code, afterTheWait.NextAction));
        Assert.Equal((RechargeStatus.Failed, RechargeFailure.PaymentCanceled), (withinIt.Status, withinIt.Failure?.Code));
    }

    [Fact]
    public void LateSuccess_AfterActionExpired_IsAnEventsSay_AndCreditsOnce()
    {
        var expired = Sample(RechargeStatus.Failed) with
        {
            Failure = new RechargeFailure(RechargeFailure.ActionExpired, "The payment was not completed in time.", null),
        };

        var late = GatewayMeaning.OfEvent(expired, Paid, "stripe", Now)!;

        Assert.Null(GatewayMeaning.OfLookup(expired, new GatewayOutcome.Succeeded("pi_1"), Now, AbandonAfter));
        Assert.Equal((RechargeStatus.Succeeded, null, CoinEventType.Credit), (late.Recharge.Status, late.Recharge.Failure, late.Event?.Type));
        Assert.Null(GatewayMeaning.OfEvent(late.Recharge, Paid, "stripe", Now));
    }

    [Fact]
    public void SuccessAfterADecline_StaysFailed()
    {
        var declined = Sample(RechargeStatus.Failed) with { Failure = new RechargeFailure("card_declined", "Declined.", "card_declined") };

        Assert.Null(GatewayMeaning.OfEvent(declined, Paid, "stripe", Now));
    }

    [Fact]
    public void Event_KeepsTheReferenceTheRechargeWasFoundBy_ALookupRecordsTheGatewaysOwn()
    {
        var waiting = Sample(RechargeStatus.RequiresAction) with { GatewayReference = "pi_1" };

        var heard = GatewayMeaning.OfEvent(waiting, new GatewayEvent.PaymentFailed("evt_2", "pi_1", Now, "authentication_failed", null), "stripe", Now)!.Recharge;
        var looked = GatewayMeaning.OfLookup(waiting, new GatewayOutcome.Declined("pi_2", "card_declined", "Declined.", null), Now, AbandonAfter)!.Recharge;

        Assert.Equal(("pi_1", "authentication_failed", "The payment failed at the payment provider."), (heard.GatewayReference, heard.Failure?.Code, heard.Failure?.Message));
        Assert.Equal(("pi_2", "card_declined", "Declined."), (looked.GatewayReference, looked.Failure?.Code, looked.Failure?.Message));
    }

    private static Recharge Sample(RechargeStatus status) =>
        SampleRecharge.In(status, Now) with { Gateway = "stripe", GatewayReference = "pi_1", MethodType = PaymentMethodType.Card };
}
