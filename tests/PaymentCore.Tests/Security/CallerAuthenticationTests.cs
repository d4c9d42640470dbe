using Grpc.Core;
using Grpc.Health.V1;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Security;

/// <summary>Every way a caller can fail to authenticate, each over a real TLS connection to the real host.</summary>
public sealed class CallerAuthenticationTests(TlsPaymentCoreServer server) : IClassFixture<TlsPaymentCoreServer>
{
    [Fact]
    public async Task NoCredentials_CannotCreateARecharge()
    {
        using var channel = server.Channel();

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, "UNAUTHENTICATED", async () =>
            await new RechargeService.RechargeServiceClient(channel).CreateRechargeAsync(Requests.Create()));
    }

    [Fact]
    public async Task NoCredentials_CannotReadARecharge()
    {
        using var channel = server.Channel();

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, "UNAUTHENTICATED", async () =>
            await new RechargeService.RechargeServiceClient(channel).GetRechargeAsync(new GetRechargeRequest { RechargeId = "rch_x" }));
    }

    [Fact]
    public async Task ClientCertificateFromAnotherCa_IsUnauthenticated()
    {
        using var strangers = TestCertificateAuthority.Create("Some Other CA");
        using var certificate = strangers.IssueClient(TlsPaymentCoreServer.WalletService);
        using var channel = server.Channel(certificate);

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, "UNAUTHENTICATED", async () =>
            await new RechargeService.RechargeServiceClient(channel).CreateRechargeAsync(Requests.Create()));
    }

    [Fact]
    public async Task ClientCertificateOfTheCaButNoConfiguredCaller_IsUnauthenticated()
    {
        using var certificate = server.ClientAuthority.IssueClient(TlsPaymentCoreServer.UnlistedService);
        using var channel = server.Channel(certificate);

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, "UNAUTHENTICATED", async () =>
            await new RechargeService.RechargeServiceClient(channel).ListPackagesAsync(new ListPackagesRequest { RegionCode = "US" }));
    }

    [Fact]
    public async Task ExpiredClientCertificate_IsUnauthenticated()
    {
        using var certificate = server.ClientAuthority.IssueClient(TlsPaymentCoreServer.WalletService, notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        using var channel = server.Channel(certificate);

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, "UNAUTHENTICATED", async () =>
            await new RechargeService.RechargeServiceClient(channel).ListPackagesAsync(new ListPackagesRequest { RegionCode = "US" }));
    }

    [Fact]
    public async Task ExpiredToken_IsUnauthenticated()
    {
        var token = server.Tokens.Mint("checkout", "recharge:write", expires: DateTime.UtcNow.AddMinutes(-5));
        using var channel = server.Channel(bearerToken: token);

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, "UNAUTHENTICATED", async () =>
            await new RechargeService.RechargeServiceClient(channel).CreateRechargeAsync(Requests.Create()));
    }

    [Fact]
    public async Task TokenFromAnotherIssuer_IsUnauthenticated()
    {
        var token = server.Tokens.Mint("checkout", "recharge:write", issuer: "https://somebody-else.test");
        using var channel = server.Channel(bearerToken: token);

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, "UNAUTHENTICATED", async () =>
            await new RechargeService.RechargeServiceClient(channel).CreateRechargeAsync(Requests.Create()));
    }

    [Fact]
    public async Task TokenSignedWithAnotherKey_IsUnauthenticated()
    {
        var token = server.Tokens.Mint("checkout", "recharge:write", signingKey: new ServiceTokens().SigningKey);
        using var channel = server.Channel(bearerToken: token);

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, "UNAUTHENTICATED", async () =>
            await new RechargeService.RechargeServiceClient(channel).CreateRechargeAsync(Requests.Create()));
    }

    [Fact]
    public async Task TokenWithoutSubject_IsUnauthenticated()
    {
        using var channel = server.Channel(bearerToken: server.Tokens.Mint(subject: " ", "recharge:write"));

        await RpcAssert.FailsWith(StatusCode.Unauthenticated, "UNAUTHENTICATED", async () =>
            await new RechargeService.RechargeServiceClient(channel).CreateRechargeAsync(Requests.Create()));
    }

    [Fact]
    public async Task ReadScope_CannotRefund()
    {
        using var channel = server.Channel(bearerToken: server.Tokens.Mint("reporting", "recharge:read"));

        var status = await RpcAssert.FailsWith(StatusCode.PermissionDenied, "PERMISSION_DENIED", async () =>
            await new RechargeService.RechargeServiceClient(channel).RefundRechargeAsync(
                new RefundRechargeRequest { IdempotencyKey = "refund-1", RechargeId = "rch_x" }));

        Assert.Equal("refund:write", status.GetDetail<Google.Rpc.ErrorInfo>().Metadata["required_scope"]);
    }

    [Fact]
    public async Task ReadScopeCertificate_CannotCreate()
    {
        using var channel = server.Channel(server.SupportToolCertificate);

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, "PERMISSION_DENIED", async () =>
            await new RechargeService.RechargeServiceClient(channel).CreateRechargeAsync(Requests.Create()));
    }

    [Fact]
    public async Task ReadScopeCertificatePinnedByFingerprint_CanRead()
    {
        using var channel = server.Channel(server.SupportToolCertificate);

        var packages = await new RechargeService.RechargeServiceClient(channel).ListPackagesAsync(new ListPackagesRequest { RegionCode = "JP" });

        Assert.NotEmpty(packages.Packages);
    }

    [Fact]
    public async Task WriteScopeCertificate_CreatesAndReadsARecharge()
    {
        using var certificate = server.ClientAuthority.IssueClient(TlsPaymentCoreServer.WalletService);
        using var channel = server.Channel(certificate);
        var client = new RechargeService.RechargeServiceClient(channel);

        var created = await client.CreateRechargeAsync(Requests.Create());
        var read = await client.GetRechargeAsync(new GetRechargeRequest { RechargeId = created.Recharge.RechargeId });

        Assert.Equal(RechargeStatus.Succeeded, read.Recharge.Status);
    }

    [Fact]
    public async Task WriteScopeToken_CreatesARecharge()
    {
        using var channel = server.Channel(bearerToken: server.Tokens.Mint("checkout", "recharge:read recharge:write"));

        var created = await new RechargeService.RechargeServiceClient(channel).CreateRechargeAsync(Requests.Create());

        Assert.Equal(RechargeStatus.Succeeded, created.Recharge.Status);
    }

    [Fact]
    public async Task RechargeScopes_CannotReadTheAuditTrail()
    {
        using var channel = server.Channel(bearerToken: server.Tokens.Mint("checkout", "recharge:read recharge:write refund:write"));

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, "PERMISSION_DENIED", async () =>
            await new AdminService.AdminServiceClient(channel).ListAuditEntriesAsync(new ListAuditEntriesRequest()));
    }

    [Fact]
    public async Task Health_NeedsNoCredentials()
    {
        using var channel = server.Channel();

        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
