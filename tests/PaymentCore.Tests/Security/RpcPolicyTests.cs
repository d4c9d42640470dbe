using PaymentCore.Api.V1;
using PaymentCore.Security;

namespace PaymentCore.Tests.Security;

public sealed class RpcPolicyTests
{
    [Fact]
    public void EveryRpcOfTheContract_HasAScope()
    {
        var methods = new[] { RechargeService.Descriptor, AdminService.Descriptor }
            .SelectMany(service => service.Methods.Select(method => $"/{service.FullName}/{method.Name}"));

        Assert.All(methods, method => Assert.NotNull(RpcPolicy.For(method)?.Scope));
    }

    [Fact]
    public void AnUnknownMethod_HasNoPolicy_SoNobodyMayCallIt() =>
        Assert.Null(RpcPolicy.For("/paymentcore.v1.RechargeService/NotYetGivenAScope"));

    [Theory]
    [InlineData("CreateRecharge", "recharge:write")]
    [InlineData("ConfirmRecharge", "recharge:write")]
    [InlineData("RefundRecharge", "refund:write")]
    [InlineData("GetRecharge", "recharge:read")]
    public void RechargeRpcs_NeedTheirScope(string method, string scope) =>
        Assert.Equal(scope, RpcPolicy.For($"/paymentcore.v1.RechargeService/{method}")!.Scope);

    [Fact]
    public void IssueVouchers_NeedsAdmin_AndIsAudited() =>
        Assert.Equal(new RpcPolicy("admin", Mutating: true), RpcPolicy.For("/paymentcore.v1.AdminService/IssueVouchers"));
}
