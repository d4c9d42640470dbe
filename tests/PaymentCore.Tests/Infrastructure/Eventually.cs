namespace PaymentCore.Tests.Infrastructure;

/// <summary>Waits for something that happens in the background (a catalog reload) instead of sleeping a fixed time.</summary>
public static class Eventually
{
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
