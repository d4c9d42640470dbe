namespace PaymentCore.Tests.Infrastructure;

/// <summary>Waits for something that happens in the background (a catalog reload, a delivery) instead of sleeping a fixed time.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds, or fails the test after the timeout (20 s unless given).</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(20);
        }
    }

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await probe();
            if (until(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "the expected change did not happen in time");
            await Task.Delay(25);
        }
    }
}
