using System.Globalization;
using PaymentCore.Recharges;

namespace PaymentCore.State;

/// <summary>
/// Members of a user's recharge index: creation time (fixed-width 100 ns ticks) then id, so
/// ordinal order is creation order and a member doubles as a page cursor.
/// </summary>
public static class UserIndex
{
    private const int TimeDigits = 19;

    public static string MemberOf(Recharge recharge) =>
        string.Create(CultureInfo.InvariantCulture, $"{recharge.CreatedAt.UtcTicks:D19}:{recharge.RechargeId}");

    public static string RechargeIdOf(string member) => member[(TimeDigits + 1)..];

    public static bool IsMember(string text) =>
        text.Length > TimeDigits + 1 && text[TimeDigits] == ':' && !text.AsSpan(0, TimeDigits).ContainsAnyExceptInRange('0', '9')
        && RechargeId.TryParseShard(text[(TimeDigits + 1)..], out _);
}
