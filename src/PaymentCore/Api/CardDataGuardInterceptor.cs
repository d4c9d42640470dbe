using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using PaymentCore.Adapters;
using PaymentCore.Api.V1;
using PaymentCore.Errors;
using PaymentCore.Telemetry;

namespace PaymentCore.Api;

/// <summary>
/// Rejects any request with a string field that holds something shaped like a card number,
/// before any handler sees it, so it is never stored or logged. Walks every string field of
/// every request message through the protobuf descriptors, so new fields are covered too. A
/// field that by contract holds an E.164 phone number is the one exception while it holds one:
/// about one number in ten passes the Luhn check, and a card number is never written with a
/// leading '+' (nor fits E.164 once it has 16 digits).
/// </summary>
public sealed class CardDataGuardInterceptor : Interceptor
{
    private static readonly FieldDescriptor PhoneNumberField =
        CarrierBillingMethod.Descriptor.FindFieldByNumber(CarrierBillingMethod.PhoneNumberFieldNumber);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (request is IMessage message && FindCardNumber(message) is { } field)
        {
            throw new PaymentCoreException(
                ErrorKind.InvalidArgument,
                ErrorReasons.CardDataRejected,
                "A field looks like a card number. PaymentCore accepts card data only as gateway tokens.",
                [new FieldViolation(field, "must not contain a card number; send a gateway token instead")]);
        }

        return continuation(request, context);
    }

    /// <summary>The proto path of the first string field holding a card number; built only for a hit, as this runs on every request.</summary>
    private static string? FindCardNumber(IMessage message)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType is not (FieldType.String or FieldType.Message))
            {
                continue;
            }

            var found = field.Accessor.GetValue(message) switch
            {
                string text when field == PhoneNumberField && PhoneNumbers.IsE164(text) => null,
                string text => CardNumberDetector.ContainsCardNumber(text) ? string.Empty : null,
                IEnumerable<string> texts => texts.Any(t => CardNumberDetector.ContainsCardNumber(t)) ? string.Empty : null,
                IMessage nested => FindCardNumber(nested) is { } inner ? "." + inner : null,
                IEnumerable<IMessage> nested => nested.Select(FindCardNumber).FirstOrDefault(f => f is not null) is { } inner ? "." + inner : null,
                _ => null,
            };
            if (found is not null)
            {
                return field.Name + found;
            }
        }

        return null;
    }
}
