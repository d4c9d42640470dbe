namespace PaymentCore.Tests.Infrastructure;

/// <summary>
/// The one way tests wait for something that happens in the background (a catalog reload, a
/// delivery, a server coming up) instead of sleeping a fixed time: poll a fact until it holds, or
/// fail the test after a timeout (20 s unless given) saying what did not happen.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null) =>
        ReturnsAsync(() => Task.FromResult(condition()), holds => holds, timeout, what ?? "condition not met in time");

    /// <summary>Polls an asynchronous <paramref name="condition"/> until it holds.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null) =>
        ReturnsAsync(condition, holds => holds, timeout, what ?? "condition not met in time");

    /// <summary>Reads <paramref name="probe"/> until its value satisfies <paramref name="until"/>; returns that value.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await probe();
            if (until(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, what ?? $"the expected change did not happen in time; last value: {value}");
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>Calls <paramref name="attempt"/> until it stops failing with a passing exception; see the overload with a result.</summary>
    public static Task SucceedsAsync(Func<Task> attempt, Func<Exception, bool> isPassing, TimeSpan? timeout = null) =>
        SucceedsAsync(
            async () =>
            {
                await attempt();
                return true;
            },
            isPassing,
            timeout);

    /// <summary>
    /// Calls <paramref name="attempt"/> until it stops failing with an exception that
    /// <paramref name="isPassing"/> calls passing (e.g. a lease still held, a port not yet open);
    /// returns its result. Any other exception, or a passing one after the timeout, fails the test.
    /// </summary>
    public static async Task<T> SucceedsAsync<T>(Func<Task<T>> attempt, Func<Exception, bool> isPassing, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (isPassing(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(PollInterval);
            }
        }
    }
}
