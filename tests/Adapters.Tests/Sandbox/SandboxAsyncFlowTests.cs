using Microsoft.Extensions.Time.Testing;
using PaymentCore.Adapters.Sandbox;

namespace PaymentCore.Adapters.Tests.Sandbox;

/// <summary>The Sandbox's asynchronous flows, as the embedded default walks them with grpcurl: a QR code and a voucher that expire, a delayed debit.</summary>
public sealed class SandboxAsyncFlowTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task PixToken_ShowsAQrCodeThatExpires_LookupWaitsUntilThen()
    {
        var gateway = new SandboxGateway(time: _time);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Pay(SandboxTokens.Pix), default));
        _time.Advance(SandboxGateway.PayableLifetime - TimeSpan.FromSeconds(1));
        var stillWaiting = await gateway.LookupAsync(action.GatewayReference, default);
        _time.Advance(TimeSpan.FromSeconds(1));
        var expired = await gateway.LookupAsync(action.GatewayReference, default);

        Assert.Equal(_time.GetUtcNow(), action.ExpiresAt);
        Assert.Equal("sandbox-pix:" + action.GatewayReference, action.QrCode!.Data);
        Assert.Equal(action, stillWaiting);
        Assert.Equal("action_expired", Assert.IsType<GatewayOutcome.Declined>(expired).Code);
    }

    [Fact]
    public async Task PixToken_ConfirmedBeforeItExpires_IsPaidAndRefundable_AfterItIsDeclined()
    {
        var gateway = new SandboxGateway(time: _time);
        var paidInTime = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Pay(SandboxTokens.Pix, "k1"), default));
        var tooLate = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Pay(SandboxTokens.Pix, "k2"), default));

        var paid = await gateway.ConfirmAsync(new GatewayConfirmation("c1", paidInTime.GatewayReference), default);
        _time.Advance(SandboxGateway.PayableLifetime);
        var declined = await gateway.ConfirmAsync(new GatewayConfirmation("c2", tooLate.GatewayReference), default);
        var refund = await gateway.RefundAsync(new GatewayRefund("r", paidInTime.GatewayReference, new Money("BRL", 2790), "rch"), default);

        Assert.Equal(new GatewayOutcome.Succeeded(paidInTime.GatewayReference), paid);
        Assert.Equal(new GatewayOutcome.Succeeded(paidInTime.GatewayReference), await gateway.LookupAsync(paidInTime.GatewayReference, default));
        Assert.Equal("action_expired", Assert.IsType<GatewayOutcome.Declined>(declined).Code);
        Assert.IsType<RefundOutcome.Refunded>(refund);
    }

    [Fact]
    public async Task KonbiniToken_ShowsAVoucherWithAConfirmationNumberPerStore_PaidByConfirmUntilItExpires()
    {
        var gateway = new SandboxGateway(time: _time);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Pay(SandboxTokens.Konbini), default));
        var waiting = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.LookupAsync(action.GatewayReference, default));
        var paid = await gateway.ConfirmAsync(new GatewayConfirmation("c", action.GatewayReference), default);

        Assert.Equal(_time.GetUtcNow() + SandboxGateway.PayableLifetime, action.ExpiresAt);
        Assert.Null(action.QrCode);
        Assert.Equal(["familymart", "lawson"], action.Voucher!.Stores.Select(s => s.Store));
        Assert.All(action.Voucher.Stores, s => Assert.Matches("^[0-9]{11}$", s.ConfirmationNumber));
        Assert.Equal(action.Voucher, waiting.Voucher);
        Assert.Equal(new GatewayOutcome.Succeeded(action.GatewayReference), paid);
    }

    [Fact]
    public async Task OvoToken_PushesToTheWalletAppOfAMaskedNumber_ApprovedByConfirmUntilItExpires()
    {
        var gateway = new SandboxGateway(time: _time);

        var action = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Pay(SandboxTokens.Ovo, "k1"), default));
        var late = Assert.IsType<GatewayOutcome.RequiresAction>(await gateway.ChargeAsync(Pay(SandboxTokens.Ovo, "k2"), default));
        var approved = await gateway.ConfirmAsync(new GatewayConfirmation("c1", action.GatewayReference), default);
        _time.Advance(SandboxGateway.PayableLifetime);

        Assert.Equal(new AppApproval(EwalletWallets.Ovo, "+***********90"), action.AppApproval);
        Assert.Equal((null, null), (action.RedirectUrl, action.QrCode));
        Assert.Equal(_time.GetUtcNow(), action.ExpiresAt);
        Assert.Equal(new GatewayOutcome.Succeeded(action.GatewayReference), approved);
        Assert.Equal("action_expired", Assert.IsType<GatewayOutcome.Declined>(await gateway.LookupAsync(late.GatewayReference, default)).Code);
    }

    [Theory]
    [InlineData(SandboxTokens.SepaDebit, null)]
    [InlineData(SandboxTokens.SepaDebitInsufficientFunds, "insufficient_funds")]
    public async Task SepaDebitTokens_AreProcessing_ThenALookupFindsThemCollectedOrRefused(string token, string? declineCode)
    {
        var gateway = new SandboxGateway(time: _time);

        var processing = Assert.IsType<GatewayOutcome.Processing>(await gateway.ChargeAsync(Pay(token), default));
        var later = await gateway.LookupAsync(processing.GatewayReference, default);

        Assert.Equal(declineCode, (later as GatewayOutcome.Declined)?.Code);
        Assert.Equal(declineCode is null, later is GatewayOutcome.Succeeded);
    }

    private static GatewayRequest Pay(string token, string key = "k") => new(key, new Money("BRL", 2790), "BR", new SandboxInstrument(token), "rch", "525 coins");
}
