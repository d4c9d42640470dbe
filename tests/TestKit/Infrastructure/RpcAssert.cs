using Google.Rpc;
using Grpc.Core;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>Assertions on rich gRPC error statuses.</summary>
public static class RpcAssert
{
    /// <summary>Runs <paramref name="call"/>, expects it to fail with the code and reason, and returns the status.</summary>
    public static async Task<Google.Rpc.Status> FailsWith(StatusCode code, string reason, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, error.StatusCode);
        var status = error.GetRpcStatus();
        Assert.NotNull(status);
        var info = status.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal("paymentcore", info.Domain);
        Assert.Equal(reason, info.Reason);
        return status;
    }

    /// <summary>The field paths named by the status's BadRequest detail.</summary>
    public static IReadOnlyList<string> ViolatedFields(Google.Rpc.Status status) =>
        status.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];
}
