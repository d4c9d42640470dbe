using System.Net;
using System.Text.Json;
using PaymentCore.Adapters.Http;

namespace PaymentCore.Adapters.PayPal;

/// <summary>
/// Saved PayPal accounts (PayPal's vault). The saving order asks PayPal to vault the payer's account
/// on success (<c>attributes.vault.store_in_vault = ON_SUCCESS</c>); once it is captured, the order
/// carries the payment token (<c>payment_source.paypal.attributes.vault.id</c>) and the payer's
/// e-mail address, kept masked. A repeat order names the token (<c>payment_source.paypal.vault_id</c>)
/// and PayPal completes it without the payer. Deleting deletes the token (Vault API v3).
/// </summary>
internal sealed class PayPalVault(PayPalApi api)
{
    public async Task<SaveOutcome> SaveAsync(InstrumentSaving saving, CancellationToken cancellationToken)
    {
        try
        {
            var order = (await api.GetOrderAsync(saving.GatewayReference, cancellationToken)).Body;
            return order?.PaymentSource?.PayPal is { Attributes.Vault: { Id: { } token, Status: "VAULTED" } vault } payer
                ? new SaveOutcome.Saved(new StoredCredential(vault.Customer?.Id, token), Display(payer.EmailAddress))
                : new SaveOutcome.NotSaved($"paypal: the order's account was not vaulted (order {order?.Status ?? "unreadable"})");
        }
        catch (Exception exception) when (exception is TokenUnavailableException or JsonException || TransportFailure.IsTransport(exception))
        {
            return new SaveOutcome.NotSaved($"paypal: the order could not be read ({exception.GetType().Name})", Transient: true);
        }
    }

    public async Task<DeleteOutcome> DeleteAsync(StoredCredential credential, CancellationToken cancellationToken)
    {
        try
        {
            return await api.DeletePaymentTokenAsync(credential.Token, cancellationToken) switch
            {
                HttpStatusCode.NoContent or HttpStatusCode.OK or HttpStatusCode.NotFound => new DeleteOutcome.Deleted(),
                var status => new DeleteOutcome.NotDeleted($"paypal: HTTP {(int)status}"),
            };
        }
        catch (Exception exception) when (exception is TokenUnavailableException || TransportFailure.IsTransport(exception))
        {
            return new DeleteOutcome.NotDeleted($"paypal: {exception.GetType().Name}");
        }
    }

    /// <summary>A repeat whose token PayPal no longer knows (deleted, or revoked by the payer) can never pay again.</summary>
    public static GatewayOutcome RepeatOutcome(GatewayOutcome outcome) => outcome is GatewayOutcome.Declined { Code: "payment_not_found" } gone
        ? gone with { Code = InstrumentDeclines.Revoked, Message = "The saved PayPal account is no longer available." }
        : outcome;

    private static InstrumentDisplay Display(string? email) => email is null
        ? new InstrumentDisplay("PayPal account")
        : new InstrumentDisplay($"PayPal {InstrumentDisplay.MaskEmail(email)}", MaskedEmail: InstrumentDisplay.MaskEmail(email));
}
