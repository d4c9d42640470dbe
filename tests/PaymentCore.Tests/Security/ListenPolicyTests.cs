using PaymentCore.Hosting;

namespace PaymentCore.Tests.Security;

/// <summary>Where PaymentCore agrees to listen: loopback only without caller authentication, TLS off this host.</summary>
public sealed class ListenPolicyTests
{
    [Fact]
    public void WithoutCallerAuthentication_ANonLoopbackAddress_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PaymentCoreHost.Build(["--Grpc:Url=http://0.0.0.0:50051"]));

        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithTokens_PlainH2cOnANonLoopbackAddress_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PaymentCoreHost.Build(
            ["--Grpc:Url=http://0.0.0.0:50051", "--Authentication:Jwt:Issuer=https://tokens.test"]));

        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }
}
