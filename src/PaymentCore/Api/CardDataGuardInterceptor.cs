using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using PaymentCore.Errors;

namespace PaymentCore.Api;

/// <summary>
/// Rejects any request with a string field that holds something shaped like a card number,
/// before any handler sees it, so it is never stored or logged. Walks every string field of
/// every request message through the protobuf descriptors, so new fields are covered too.
/// </summary>
public sealed class CardDataGuardInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (request is IMessage message && FindCardNumber(message, prefix: string.Empty) is { } field)
        {
            throw new PaymentCoreException(
                StatusCode.InvalidArgument,
                ErrorReasons.CardDataRejected,
                "A field looks like a card number. PaymentCore accepts card data only as gateway tokens.",
                [new FieldViolation(field, "must not contain a card number; send a gateway token instead")]);
        }

        return continuation(request, context);
    }

    private static string? FindCardNumber(IMessage message, string prefix)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var path = prefix + field.Name;
            var value = field.Accessor.GetValue(message);
            var found = (field.FieldType, value) switch
            {
                (FieldType.String, string text) => CardNumberDetector.ContainsCardNumber(text) ? path : null,
                (FieldType.String, IEnumerable<string> texts) => texts.Any(t => CardNumberDetector.ContainsCardNumber(t)) ? path : null,
                (FieldType.Message, IMessage nested) => FindCardNumber(nested, path + "."),
                (FieldType.Message, IEnumerable<IMessage> nested) => nested.Select(n => FindCardNumber(n, path + ".")).FirstOrDefault(f => f is not null),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }
}
