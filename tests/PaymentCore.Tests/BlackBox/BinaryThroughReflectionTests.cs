using System.Text.Json;
using PaymentCore.Tests.Infrastructure;

namespace PaymentCore.Tests.BlackBox;

/// <summary>
/// The built binary on its embedded defaults, driven with `buf curl` through server reflection
/// only (no .proto files), exactly as the README shows it.
/// </summary>
public sealed class BinaryThroughReflectionTests : IAsyncLifetime
{
    private const string CreateRecharge = "paymentcore.v1.RechargeService/CreateRecharge";
    private PaymentCoreProcess _server = null!;

    public async Task InitializeAsync() => _server = await PaymentCoreProcess.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Reflection_ListsTheServicesWithoutProtoFiles()
    {
        var result = await BufCurl.RunAsync("--list-services", _server.GrpcUrl);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("paymentcore.v1.RechargeService", result.Output, StringComparison.Ordinal);
        Assert.Contains("grpc.health.v1.Health", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SandboxOk_SucceedsAndTheConfirmationReachesTheWalletSink()
    {
        var result = await BufCurl.RunAsync("-d", Body("bb-1", "sandbox_ok"), $"{_server.GrpcUrl}/{CreateRecharge}");

        Assert.Equal(0, result.ExitCode);
        var recharge = result.Json.GetProperty("recharge");
        Assert.Equal("RECHARGE_STATUS_SUCCEEDED", recharge.GetProperty("status").GetString());
        var rechargeId = recharge.GetProperty("rechargeId").GetString();
        await _server.WaitForOutputAsync($"Wallet confirmation {rechargeId}:credit: Credit 525 coins for user bb-user");
    }

    [Fact]
    public async Task InsufficientFunds_IsFailedWithThatCode()
    {
        var result = await BufCurl.RunAsync("-d", Body("bb-2", "sandbox_decline_insufficient_funds"), $"{_server.GrpcUrl}/{CreateRecharge}");

        Assert.Equal(0, result.ExitCode);
        var recharge = result.Json.GetProperty("recharge");
        Assert.Equal("RECHARGE_STATUS_FAILED", recharge.GetProperty("status").GetString());
        Assert.Equal("insufficient_funds", recharge.GetProperty("failure").GetProperty("code").GetString());
    }

    [Fact]
    public async Task MalformedInput_IsInvalidArgumentWithFieldViolations()
    {
        var result = await BufCurl.RunAsync("-d", """{"user_id":"bb user","region_code":"XX"}""", $"{_server.GrpcUrl}/{CreateRecharge}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("invalid_argument", result.Error, StringComparison.Ordinal);
        Assert.Contains("google.rpc.BadRequest", result.Error, StringComparison.Ordinal);
        Assert.Contains("idempotency_key: is required", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_ShutsDownGracefully()
    {
        var exitCode = await _server.StopGracefullyAsync(TimeSpan.FromSeconds(25));

        Assert.Equal(0, exitCode);
    }

    private static string Body(string key, string token) =>
        JsonSerializer.Serialize(new
        {
            idempotency_key = key,
            user_id = "bb-user",
            region_code = "JP",
            package_id = "coins_500",
            payment_method = new { sandbox = new { token } },
        });
}
