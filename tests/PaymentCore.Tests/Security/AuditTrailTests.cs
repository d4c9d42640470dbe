using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using PaymentCore.Api.V1;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.Security;

/// <summary>Mutating calls leave audit entries naming the authenticated caller, readable only with scope admin.</summary>
public sealed class AuditTrailTests(TlsPaymentCoreServer server) : IClassFixture<TlsPaymentCoreServer>
{
    private const string RefundMethod = "/paymentcore.v1.RechargeService/RefundRecharge";
    private const string IssueVouchersMethod = "/paymentcore.v1.AdminService/IssueVouchers";

    [Fact]
    public async Task RefundAttempts_AreAuditedWithCallerRechargeKeyDigestAndOutcome()
    {
        using var writer = server.Channel(bearerToken: server.Tokens.Mint("checkout", "recharge:write"));
        var created = await new RechargeService.RechargeServiceClient(writer).CreateRechargeAsync(Requests.Create());
        var rechargeId = created.Recharge.RechargeId;
        using var reader = server.Channel(bearerToken: server.Tokens.Mint("reporting", "recharge:read"));
        using var support = server.Channel(bearerToken: server.Tokens.Mint("support-desk", "refund:write"));

        var denied = await Assert.ThrowsAsync<RpcException>(async () => await new RechargeService.RechargeServiceClient(reader)
            .RefundRechargeAsync(new RefundRechargeRequest { IdempotencyKey = "refund-by-reporting", RechargeId = rechargeId }));
        var allowed = await CallAsync(() => new RechargeService.RechargeServiceClient(support)
            .RefundRechargeAsync(new RefundRechargeRequest { IdempotencyKey = "refund-by-support", RechargeId = rechargeId }).ResponseAsync);

        var entries = await ReadAllAsync();
        var byReporting = Assert.Single(entries, e => e.Action == RefundMethod && e.Caller == "reporting");
        Assert.Equal(rechargeId, byReporting.RechargeId);
        Assert.Equal("PERMISSION_DENIED", byReporting.Outcome);
        Assert.Equal(Sha256("refund-by-reporting"), byReporting.IdempotencyKeySha256);
        var bySupport = Assert.Single(entries, e => e.Action == RefundMethod && e.Caller == "support-desk");
        Assert.Equal(rechargeId, bySupport.RechargeId);
        Assert.Equal(allowed, bySupport.Outcome);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains(entries, e => e.Action.EndsWith("/CreateRecharge", StringComparison.Ordinal) && e.Caller == "checkout" && e.RechargeId == rechargeId && e.Outcome == "OK");
    }

    [Fact]
    public async Task ReadsAreNotAudited_AndEntriesCarryNoKeyInTheClear()
    {
        using var writer = server.Channel(bearerToken: server.Tokens.Mint("checkout", "recharge:read recharge:write"));
        var client = new RechargeService.RechargeServiceClient(writer);
        var created = await client.CreateRechargeAsync(Requests.Create(key: "audit-key-in-the-clear"));
        await client.GetRechargeAsync(new GetRechargeRequest { RechargeId = created.Recharge.RechargeId });

        var entries = await ReadAllAsync();

        Assert.DoesNotContain(entries, e => e.Action.EndsWith("/GetRecharge", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.ToString().Contains("audit-key-in-the-clear", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.IdempotencyKeySha256 == Sha256("audit-key-in-the-clear"));
    }

    [Fact]
    public async Task VoucherIssuance_NeedsTheAdminScope_AndIsAuditedWithCallerAndReasonButNoCode()
    {
        using var writer = server.Channel(bearerToken: server.Tokens.Mint("checkout", "recharge:write refund:write"));
        using var desk = server.Channel(bearerToken: server.Tokens.Mint("voucher-desk", "admin"));
        var request = Requests.IssueVouchers(count: 2);

        await RpcAssert.FailsWith(StatusCode.PermissionDenied, "PERMISSION_DENIED", () =>
            new AdminService.AdminServiceClient(writer).IssueVouchersAsync(request).ResponseAsync);
        var issued = await new AdminService.AdminServiceClient(desk).IssueVouchersAsync(request);

        var entries = await ReadAllAsync();
        Assert.Equal("PERMISSION_DENIED", Assert.Single(entries, e => e.Action == IssueVouchersMethod && e.Caller == "checkout").Outcome);
        var entry = Assert.Single(entries, e => e.Action == IssueVouchersMethod && e.Caller == "voucher-desk");
        Assert.Equal(("OK", Sha256(request.IdempotencyKey)), (entry.Outcome, entry.IdempotencyKeySha256));
        Assert.Equal($"requested by ops@example.com: spring campaign (batch {issued.Batch.BatchId}: 2 vouchers of 4.99 USD in US)", entry.Reason);
        Assert.DoesNotContain(entries, e => issued.Codes.Any(code => e.ToString().Contains(code, StringComparison.Ordinal)));
    }

    private async Task<List<AuditEntry>> ReadAllAsync()
    {
        using var admin = server.Channel(bearerToken: server.Tokens.Mint("operator", "admin"));
        var client = new AdminService.AdminServiceClient(admin);
        var entries = new List<AuditEntry>();
        var token = string.Empty;
        do
        {
            var page = await client.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 2, PageToken = token });
            entries.AddRange(page.Entries);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return entries;
    }

    /// <summary>The status name the call ended with ("OK" once refunds are built, until then "UNIMPLEMENTED").</summary>
    private static async Task<string> CallAsync(Func<Task> call)
    {
        try
        {
            await call();
            return "OK";
        }
        catch (RpcException e)
        {
            return string.Concat(e.StatusCode.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
        }
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
