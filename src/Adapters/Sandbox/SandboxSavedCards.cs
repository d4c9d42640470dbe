namespace PaymentCore.Adapters.Sandbox;

/// <summary>
/// Saved Sandbox cards: the credential is the Sandbox token itself on a customer derived from the
/// user, so the Sandbox keeps no state for them. A saved card was authenticated when it was saved,
/// so charging it again needs no 3-D Secure, except for the tokens made to show the repeat cases.
/// </summary>
internal static class SandboxSavedCards
{
    private const string CustomerPrefix = "sbx_cus_";

    /// <summary>How a charge behaves, as the token it behaves like: a first purchase with a repeat-case token behaves like <see cref="SandboxTokens.Ok"/>.</summary>
    public static string Behaviour(string token, StoredCredential? saved) => saved is null
        ? token is SandboxTokens.ThreeDSecureOnRepeat or SandboxTokens.ExpiredOnRepeat ? SandboxTokens.Ok : token
        : saved.Token switch
        {
            SandboxTokens.ThreeDSecure => SandboxTokens.Ok,
            SandboxTokens.ThreeDSecureOnRepeat => SandboxTokens.ThreeDSecure,
            var repeat => repeat,
        };

    public static SaveOutcome Save(InstrumentSaving saving) => saving.Instrument is SandboxInstrument sandbox
        ? new SaveOutcome.Saved(
            new StoredCredential(CustomerPrefix + SandboxGateway.ReferenceSuffix(saving.UserId), sandbox.Token),
            InstrumentDisplay.Card("visa", Last4(sandbox.Token), 12, 2034))
        : new SaveOutcome.NotSaved("The Sandbox only saves sandbox tokens.");

    // The last digits of the Stripe test card each token stands for, so a list of them reads like one.
    private static string Last4(string token) => token switch
    {
        SandboxTokens.ThreeDSecure => "3155",
        SandboxTokens.ThreeDSecureOnRepeat => "3184",
        SandboxTokens.ExpiredOnRepeat => "0069",
        _ => "4242",
    };
}
