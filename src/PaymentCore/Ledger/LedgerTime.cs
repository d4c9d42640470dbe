namespace PaymentCore.Ledger;

/// <summary>PostgreSQL keeps microseconds; .NET times carry 100 ns ticks. Every time written is cut the same way.</summary>
internal static class LedgerTime
{
    public static DateTime Of(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        return new DateTime(ticks - (ticks % 10), DateTimeKind.Utc);
    }

    public static DateOnly MonthOf(DateTimeOffset at)
    {
        var utc = Of(at);
        return new DateOnly(utc.Year, utc.Month, 1);
    }
}
