using Microsoft.Extensions.Options;
using PaymentCore.Adapters;
using PaymentCore.Audit;
using PaymentCore.Errors;
using PaymentCore.Modes;
using PaymentCore.PaymentMethods;
using PaymentCore.Recharges;
using PaymentCore.Recharges.SavedInstruments;
using PaymentCore.Routing;
using PaymentCore.State;

namespace PaymentCore.Orchestration;

/// <summary>
/// Users' saved instruments over their lifetime: found for a payment, saved when the purchase that
/// asked for it succeeds, marked used or unusable by the payments made with them, listed and
/// deleted (at the gateway too). Gateway references are logged only masked.
/// </summary>
public sealed partial class SavedInstrumentBook(
    ISavedInstrumentStore store,
    IRechargeStore recharges,
    GatewayRouter router,
    PaymentMethodRegistry methods,
    CredentialSeal seal,
    IOptions<SavedInstrumentsOptions> options,
    IAuditTrail audit,
    IOptions<ModeOptions> mode,
    TimeProvider time,
    ILogger<SavedInstrumentBook> logger)
{
    public const string SavedAction = "saved_instrument:saved";
    public const string UsedAction = "saved_instrument:charged";
    public const string NotSavedAction = "saved_instrument:not_saved";
    public const string LimitReachedReason = "saved_instruments_limit_reached";

    /// <summary>
    /// The user's instrument of that id opened for a payment: the instrument the gateway is handed (a
    /// sealed phone number unsealed, in memory only); one that no longer opens (sealed under another
    /// key) comes back unusable. Null when the user has none of that id (another user's included).
    /// </summary>
    public async Task<SavedPayment?> OpenAsync(string userId, string instrumentId, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(userId, instrumentId, cancellationToken) is not { } saved)
        {
            return null;
        }

        if (!methods[saved.MethodType].InstrumentIsPersonalData)
        {
            return new SavedPayment(saved, saved.Instrument.ToInstrument());
        }

        return seal.Open(saved.Credential.Token, userId, instrumentId) is { } clear
            ? new SavedPayment(saved, methods[saved.MethodType].FromStored(saved.Instrument with { Token = clear }))
            : new SavedPayment(saved with { UnusableReason = saved.UnusableReason ?? CredentialSeal.KeyChanged }, null);
    }

    /// <summary>
    /// Before a purchase that asks to save its instrument: refuses it while the user keeps as many as
    /// they may, so they choose which to delete; nothing is charged. Purchases racing past this check
    /// are held by the store's atomic bound when they save (then the purchase stands, unsaved).
    /// </summary>
    /// <exception cref="PaymentCoreException">SAVED_INSTRUMENTS_LIMIT_REACHED.</exception>
    public async Task EnsureRoomAsync(string userId, CancellationToken cancellationToken)
    {
        if ((await store.ListAsync(userId, cancellationToken)).Count >= options.Value.MaxPerUser)
        {
            throw PaymentCoreException.SavedInstrumentsLimitReached(options.Value.MaxPerUser);
        }
    }

    public Task<IReadOnlyList<SavedInstrument>> ListAsync(string userId, CancellationToken cancellationToken) =>
        store.ListAsync(userId, cancellationToken);

    /// <summary>
    /// Before every charge of a purchase that saves its instrument (the first, a resumed one, the
    /// reconciler's): records the pending save, so that the save is made even if a crash comes between
    /// the credit and the save (<see cref="CompletePendingSavesAsync"/>), and answers the customer the
    /// charge sets the instrument up on (the user's at that gateway, if a save made one). Both in
    /// parallel: no round trip is added. Null for any other charge.
    /// </summary>
    public async Task<InstrumentSetup?> PrepareSaveAsync(Recharge recharge, string gateway)
    {
        if (recharge.SaveConsentVersion is null)
        {
            return null;
        }

        var pending = RecordPendingAsync(recharge);
        var customer = await store.CustomerAsync(recharge.UserId, gateway, CancellationToken.None);
        await pending;
        return new InstrumentSetup(recharge.UserId, customer);
    }

    /// <summary>
    /// The later pass (the reconciler's): completes the saves recorded before <paramref name="recordedBefore"/>
    /// whose purchase was credited but not saved (a crash between the credit and the save, a gateway
    /// that could not be asked then), forgets those with nothing to save, and leaves the ones still in
    /// flight for a later pass. Saving is idempotent (the id comes from the recharge, added only if absent), so this pass
    /// and the commit path, or two replicas, save an instrument once. Returns how many it saved.
    /// </summary>
    public async Task<int> CompletePendingSavesAsync(DateTimeOffset recordedBefore, int max)
    {
        var saved = 0;
        foreach (var pending in await store.ListPendingSavesAsync(recordedBefore, max, CancellationToken.None))
        {
            var recharge = await recharges.GetAsync(pending.RechargeId, CancellationToken.None);
            switch (recharge)
            {
                case null or { SaveConsentVersion: null } or { Status: RechargeStatus.Failed }:
                    // Never begun (a replayed or refused attempt recorded it in parallel), or nothing to save.
                    await store.RemovePendingSaveAsync(pending.RechargeId, CancellationToken.None);
                    break;
                case { Status: RechargeStatus.Succeeded or RechargeStatus.PartiallyRefunded or RechargeStatus.Refunded or RechargeStatus.Disputed or RechargeStatus.Reversed }:
                    // Credited: saved as the commit that credited it would have.
                    LogCompletingSave(recharge.RechargeId, pending.RecordedAt);
                    saved += await SettleSaveAsync(recharge) ? 1 : 0;
                    break;
                default:
                    // Still in flight: to the back of the queue, so waiting payers never crowd out credited ones.
                    await store.PostponePendingSaveAsync(pending.RechargeId, time.GetUtcNow(), CancellationToken.None);
                    break;
            }
        }

        return saved;
    }

    /// <summary>Records in the audit trail that a recharge is being paid with a saved instrument.</summary>
    public Task AuditUseAsync(Recharge recharge) => recharge.SavedInstrumentId is { } instrumentId
        ? AppendAsync(new AuditEntry(time.GetUtcNow(), TransitionAudit.Actor, UsedAction, recharge.RechargeId, null, "STARTED", recharge.Livemode, instrumentId))
        : Task.CompletedTask;

    /// <summary>
    /// What a committed transition means for saved instruments, called once per commit that wrote it
    /// (a stale commit wrote nothing, and whoever wrote first was called): the purchase that asked to
    /// save its instrument was credited, so it is saved (by an id derived from the recharge, so once
    /// however often this runs) and its pending save forgotten, or it failed and there is nothing to
    /// save; a payment with a saved instrument succeeded (last used) or was declined for good
    /// (unusable). Never throws: the payment stands whatever happens here, and a save it could not
    /// make stays pending for the reconciler's pass.
    /// </summary>
    public async Task AfterCommitAsync(Recharge committed, OutboxEvent? coinEvent)
    {
        try
        {
            switch (committed)
            {
                case { SaveConsentVersion: not null, SavedInstrumentId: null } when coinEvent?.Type == CoinEventType.Credit:
                    await SettleSaveAsync(committed);
                    break;
                case { SaveConsentVersion: not null, Status: RechargeStatus.Failed }:
                    await store.RemovePendingSaveAsync(committed.RechargeId, CancellationToken.None);
                    break;
                case { SavedInstrumentId: { } used } when coinEvent?.Type == CoinEventType.Credit:
                    await store.MarkUsedAsync(committed.UserId, used, committed.UpdatedAt, CancellationToken.None);
                    break;
                case { SavedInstrumentId: { } declined, Status: RechargeStatus.Failed, Failure.Code: var code } when InstrumentDeclines.MakesUnusable(code):
                    await store.MarkUnusableAsync(committed.UserId, declined, code, CancellationToken.None);
                    LogUnusable(declined, committed.RechargeId, code);
                    break;
            }
        }
        catch (StoreUnavailableException e)
        {
            LogStoreLost(e, committed.RechargeId);
        }
    }

    /// <summary>Deletes at the gateway, then here; an instrument the gateway may still hold stays, so the user can retry.</summary>
    /// <exception cref="PaymentCoreException">SAVED_INSTRUMENT_NOT_FOUND; GATEWAY_UNAVAILABLE when the gateway could not forget it.</exception>
    public async Task<SavedInstrument> DeleteAsync(string userId, string instrumentId, CancellationToken cancellationToken)
    {
        var instrument = await store.GetAsync(userId, instrumentId, cancellationToken)
            ?? throw PaymentCoreException.SavedInstrumentNotFound(instrumentId);
        if (router.Find(instrument.Gateway) is { } gateway)
        {
            if (await gateway.DeleteInstrumentAsync(instrument.Credential, CancellationToken.None) is DeleteOutcome.NotDeleted notDeleted)
            {
                LogNotDeleted(instrumentId, instrument.Gateway, Mask(instrument.Credential.Token), notDeleted.Reason);
                throw PaymentCoreException.GatewayUnavailable(instrument.Gateway);
            }
        }
        else
        {
            LogGatewayGone(instrumentId, instrument.Gateway);
        }

        await store.RemoveAsync(userId, instrumentId, CancellationToken.None);
        return instrument;
    }

    /// <summary>A gateway reference as it may be logged: its prefix and last four characters ("pm_…4242").</summary>
    public static string Mask(string? reference) => reference switch
    {
        null => "-",
        { Length: <= 8 } => "…",
        _ => $"{reference[..Math.Max(0, reference.IndexOf('_') + 1)]}…{reference[^4..]}",
    };

    /// <summary>
    /// Saves a credited purchase's instrument unless saved already, then forgets its pending save;
    /// one the gateway could not be asked about now stays pending, put back for a later pass. True
    /// when this call saved it. Store failures propagate, leaving the pending save as it was.
    /// </summary>
    private async Task<bool> SettleSaveAsync(Recharge recharge)
    {
        var result = await SaveAsync(recharge);
        if (result == SaveResult.TryLater)
        {
            await store.PostponePendingSaveAsync(recharge.RechargeId, time.GetUtcNow(), CancellationToken.None);
            return false;
        }

        await store.RemovePendingSaveAsync(recharge.RechargeId, CancellationToken.None);
        return result == SaveResult.Saved;
    }

    private async Task<SaveResult> SaveAsync(Recharge recharge)
    {
        var instrumentId = SavedInstrumentId.For(recharge.RechargeId);
        if (await store.GetAsync(recharge.UserId, instrumentId, CancellationToken.None) is not null)
        {
            return SaveResult.AlreadySaved;
        }

        if (recharge.Instrument is not { } instrument || recharge.GatewayReference is not { } reference || router.Find(recharge.Gateway) is not { } gateway)
        {
            LogNothingToSave(recharge.RechargeId, recharge.Gateway);
            return SaveResult.NotSaved;
        }

        var outcome = await gateway.SaveInstrumentAsync(new InstrumentSaving(recharge.UserId, reference, instrument.ToInstrument()), CancellationToken.None);
        if (outcome is SaveOutcome.NotSaved notSaved)
        {
            LogNotSaved(recharge.RechargeId, recharge.Gateway, notSaved.Reason, notSaved.Transient);
            return notSaved.Transient ? SaveResult.TryLater : SaveResult.NotSaved;
        }

        var saved = (SaveOutcome.Saved)outcome;

        // A credential that is personal data (a phone number) is kept sealed to the user and the instrument.
        var credential = methods[recharge.MethodType].InstrumentIsPersonalData
            ? saved.Credential with { Token = seal.Seal(saved.Credential.Token, recharge.UserId, instrumentId) }
            : saved.Credential;
        var now = time.GetUtcNow();
        var added = await store.AddAsync(
            new SavedInstrument
            {
                InstrumentId = instrumentId,
                UserId = recharge.UserId,
                Gateway = recharge.Gateway,
                MethodType = recharge.MethodType,
                Instrument = instrument,
                Credential = credential,
                Display = saved.Display,
                ConsentVersion = recharge.SaveConsentVersion!,
                ConsentedAt = recharge.CreatedAt,
                CreatedAt = now,
                SavedBy = recharge.RechargeId,
            },
            options.Value.MaxPerUser,
            CancellationToken.None);
        switch (added)
        {
            case SavedInstrumentAdd.AlreadySaved:
                return SaveResult.AlreadySaved;
            case SavedInstrumentAdd.LimitReached:
                // Another saving purchase of the user's took the last place after this one was let in.
                LogLimitReached(recharge.RechargeId, options.Value.MaxPerUser);
                await AppendAsync(new AuditEntry(now, TransitionAudit.Actor, NotSavedAction, recharge.RechargeId, null, "NOT_SAVED", recharge.Livemode, LimitReachedReason));
                return SaveResult.NotSaved;
        }

        if (credential.Customer is { } customer)
        {
            await store.RememberCustomerAsync(recharge.UserId, recharge.Gateway, customer, CancellationToken.None);
        }

        LogSaved(instrumentId, recharge.RechargeId, recharge.Gateway, Mask(credential.Customer), Mask(credential.Token));
        await AppendAsync(new AuditEntry(now, TransitionAudit.Actor, SavedAction, recharge.RechargeId, null, "SAVED", recharge.Livemode, instrumentId));
        return SaveResult.Saved;
    }

    /// <summary>Records a pending save; a store that cannot be reached then only loses the crash protection, the commit path still saves.</summary>
    private async Task RecordPendingAsync(Recharge recharge)
    {
        try
        {
            await store.AddPendingSaveAsync(recharge.RechargeId, time.GetUtcNow(), CancellationToken.None);
        }
        catch (StoreUnavailableException e)
        {
            LogPendingLost(e, recharge.RechargeId);
        }
    }

    private async Task AppendAsync(AuditEntry entry)
    {
        try
        {
            await audit.AppendAsync(entry, CancellationToken.None);
        }
        catch (StoreUnavailableException e)
        {
            LogAuditLost(e, entry.Action, entry.RechargeId, mode.Value.Livemode);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Saved instrument {InstrumentId} from recharge {RechargeId} at {Gateway} (customer {Customer}, token {Token})")]
    private partial void LogSaved(string instrumentId, string rechargeId, string gateway, string customer, string token);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recharge {RechargeId} asked to save its instrument, but {Gateway} did not keep it: {Reason} (asked again later: {Transient})")]
    private partial void LogNotSaved(string rechargeId, string gateway, string reason, bool transient);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recharge {RechargeId} asked to save its instrument, but its user keeps {MaxPerUser} already; the purchase stands, unsaved")]
    private partial void LogLimitReached(string rechargeId, int maxPerUser);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recharge {RechargeId} asked to save its instrument, but it has no gateway reference or instrument, or its gateway {Gateway} is not configured")]
    private partial void LogNothingToSave(string rechargeId, string gateway);

    [LoggerMessage(Level = LogLevel.Information, Message = "Completing the save of credited recharge {RechargeId}, pending since {RecordedAt}")]
    private partial void LogCompletingSave(string rechargeId, DateTimeOffset recordedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pending save of recharge {RechargeId} not recorded, the store is unavailable: only the commit path will save it")]
    private partial void LogPendingLost(Exception exception, string rechargeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saved instrument {InstrumentId} is no longer usable: recharge {RechargeId} declined with {Code}")]
    private partial void LogUnusable(string instrumentId, string rechargeId, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saved instrument {InstrumentId} not deleted: {Gateway} did not forget token {Token} ({Reason})")]
    private partial void LogNotDeleted(string instrumentId, string gateway, string token, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saved instrument {InstrumentId} deleted here only: its gateway {Gateway} is not configured, so it could not be told")]
    private partial void LogGatewayGone(string instrumentId, string gateway);

    [LoggerMessage(Level = LogLevel.Error, Message = "Saved instruments of recharge {RechargeId} not updated, the store is unavailable")]
    private partial void LogStoreLost(Exception exception, string rechargeId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit entry lost, the store is unavailable: {Action} on {RechargeId} (livemode {Livemode})")]
    private partial void LogAuditLost(Exception exception, string action, string? rechargeId, bool livemode);
}

/// <summary>What one attempt to save a credited purchase's instrument came to.</summary>
internal enum SaveResult
{
    /// <summary>This attempt saved it.</summary>
    Saved,

    /// <summary>Saved before (by another attempt, another replica).</summary>
    AlreadySaved,

    /// <summary>Nothing can be saved (the gateway did not keep it); the purchase stands.</summary>
    NotSaved,

    /// <summary>The gateway could not be asked; a later pass asks again.</summary>
    TryLater,
}
