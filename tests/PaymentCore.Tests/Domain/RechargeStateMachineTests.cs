using PaymentCore.Recharges;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Domain;

public sealed class RechargeStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(RechargeStatus.Processing, RechargeStatus.Succeeded)]
    [InlineData(RechargeStatus.Unknown, RechargeStatus.Succeeded)]
    public void MovesIntoSucceeded_EmitOneCreditWithStableId(RechargeStatus from, RechargeStatus to)
    {
        var transition = RechargeStateMachine.Apply(Sample(from), to, Now);

        Assert.Equal(to, transition.Recharge.Status);
        Assert.NotNull(transition.Event);
        Assert.Equal("rch_x:credit", transition.Event.EventId);
        Assert.Equal(110, transition.Event.Coins);
    }

    [Theory]
    [InlineData(RechargeStatus.Processing, RechargeStatus.Failed)]
    [InlineData(RechargeStatus.Processing, RechargeStatus.RequiresAction)]
    [InlineData(RechargeStatus.Processing, RechargeStatus.Unknown)]
    [InlineData(RechargeStatus.Disputed, RechargeStatus.Succeeded)]
    public void OtherLegalMoves_EmitNoCredit(RechargeStatus from, RechargeStatus to) =>
        Assert.Null(RechargeStateMachine.Apply(Sample(from), to, Now).Event);

    [Theory]
    [InlineData(RechargeStatus.Failed, RechargeStatus.Succeeded)]
    [InlineData(RechargeStatus.Succeeded, RechargeStatus.Succeeded)]
    [InlineData(RechargeStatus.Succeeded, RechargeStatus.Failed)]
    [InlineData(RechargeStatus.Created, RechargeStatus.Succeeded)]
    [InlineData(RechargeStatus.RequiresAction, RechargeStatus.Succeeded)]
    [InlineData(RechargeStatus.Refunded, RechargeStatus.Succeeded)]
    [InlineData(RechargeStatus.Unknown, RechargeStatus.Processing)]
    public void IllegalMoves_AreRefused(RechargeStatus from, RechargeStatus to)
    {
        var error = Assert.Throws<IllegalTransitionException>(() => RechargeStateMachine.Apply(Sample(from), to, Now));
        Assert.Equal(from, error.From);
    }

    [Fact]
    public void FailedAndReversed_AreTerminal()
    {
        var declined = Sample(RechargeStatus.Failed) with { Failure = new RechargeFailure("card_declined", "Declined.", "card_declined") };
        foreach (var to in Enum.GetValues<RechargeStatus>())
        {
            Assert.False(RechargeStateMachine.IsLegal(declined, to));
            Assert.False(RechargeStateMachine.IsLegal(Sample(RechargeStatus.Reversed), to));
        }
    }

    [Fact]
    public void ActionCompletedAfterWeStoppedWaiting_SucceedsLateWithOneCredit()
    {
        var expired = Sample(RechargeStatus.Failed) with
        {
            Failure = new RechargeFailure(RechargeFailure.ActionExpired, "The payment was not completed in time.", null),
        };

        var transition = RechargeStateMachine.Apply(expired, RechargeStatus.Succeeded, Now);

        Assert.Equal(RechargeStatus.Succeeded, transition.Recharge.Status);
        Assert.Equal("rch_x:credit", transition.Event?.EventId);
        Assert.Equal(110, transition.Event?.Coins);
        Assert.False(RechargeStateMachine.IsLegal(expired, RechargeStatus.Refunded));
    }

    private static Recharge Sample(RechargeStatus status) => SampleRecharge.In(status, Now);
}
