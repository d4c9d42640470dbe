using Grpc.Core;
using PaymentCore.Api.V1;

namespace PaymentCore.Tests.Infrastructure;

/// <summary>
/// Many clients buying at once, each retrying its own request with the same idempotency key until
/// it gets a final answer, as a well-behaved caller does through crashes and outages.
/// </summary>
public sealed class RechargeBurst(Func<RechargeService.RechargeServiceClient> client, int count, int workers = 16)
{
    private int _answered;

    /// <summary>Requests answered so far.</summary>
    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Runs the burst; returns each request with the recharge it finally got.</summary>
    public async Task<IReadOnlyList<(CreateRechargeRequest Request, Recharge Recharge)>> RunAsync(TimeSpan timeout)
    {
        var requests = Enumerable.Range(0, count).Select(_ => Requests.Create(user: "burst-" + Guid.NewGuid().ToString("N")[..12])).ToList();
        var results = new (CreateRechargeRequest, Recharge)[count];
        var next = -1;
        using var deadline = new CancellationTokenSource(timeout);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                results[i] = (requests[i], await UntilAnsweredAsync(requests[i], deadline.Token));
                Interlocked.Increment(ref _answered);
            }
        }));
        return results;
    }

    private async Task<Recharge> UntilAnsweredAsync(CreateRechargeRequest request, CancellationToken deadline)
    {
        while (true)
        {
            deadline.ThrowIfCancellationRequested();
            try
            {
                return (await client().CreateRechargeAsync(request, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: deadline)).Recharge;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Aborted or StatusCode.DeadlineExceeded or StatusCode.Internal)
            {
                // The server died, Redis restarted, or the first attempt still holds the key: retry the same request.
                await Task.Delay(Random.Shared.Next(50, 250), deadline);
            }
        }
    }
}
