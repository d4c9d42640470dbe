using Grpc.Core;

namespace PaymentCore.LoadGen;

/// <summary>
/// What a call came back with: a gRPC status code (0-16), or an OK answer that is not what the
/// target wanted (a health check not SERVING, a recharge not SUCCEEDED).
/// </summary>
public static class Outcome
{
    public const int Ok = (int)StatusCode.OK;
    public const int NotServing = 17;
    public const int NotSucceeded = 18;
    public const int Count = 19;

    public static string Name(int outcome) => outcome switch
    {
        NotServing => "OK_NOT_SERVING",
        NotSucceeded => "OK_NOT_SUCCEEDED",
        _ => ToUpperSnake(((StatusCode)outcome).ToString()),
    };

    private static string ToUpperSnake(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1]) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
