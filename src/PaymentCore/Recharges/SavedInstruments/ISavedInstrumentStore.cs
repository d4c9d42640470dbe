namespace PaymentCore.Recharges.SavedInstruments;

/// <summary>
/// Saved instruments, per user (in Redis one hash in the user's shard). Every read and change names
/// the user: an instrument is found only under its own user, so another user's id is not found.
/// Implementations throw <see cref="State.StoreUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface ISavedInstrumentStore
{
    /// <summary>Adds it unless its id is taken (a save done before) or its user keeps <paramref name="maxPerUser"/> already, atomically.</summary>
    Task<SavedInstrumentAdd> AddAsync(SavedInstrument instrument, int maxPerUser, CancellationToken cancellationToken);

    Task<SavedInstrument?> GetAsync(string userId, string instrumentId, CancellationToken cancellationToken);

    /// <summary>The user's instruments, newest first.</summary>
    Task<IReadOnlyList<SavedInstrument>> ListAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Removes it; false when the user has no instrument of that id.</summary>
    Task<bool> RemoveAsync(string userId, string instrumentId, CancellationToken cancellationToken);

    /// <summary>Records a payment with it (no effect on an instrument removed meanwhile).</summary>
    Task MarkUsedAsync(string userId, string instrumentId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that it can no longer pay, and why (no effect on an instrument removed meanwhile).</summary>
    Task MarkUnusableAsync(string userId, string instrumentId, string reason, CancellationToken cancellationToken);

    /// <summary>
    /// Records, before a saving recharge's payment is asked for, that it is to save its instrument once
    /// credited, so a save that a crash kept from running is found again (<see cref="ListPendingSavesAsync"/>).
    /// Recording it again keeps the first time.
    /// </summary>
    Task AddPendingSaveAsync(string rechargeId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The pending saves recorded (or put back) before <paramref name="recordedBefore"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<PendingSave>> ListPendingSavesAsync(DateTimeOffset recordedBefore, int max, CancellationToken cancellationToken);

    /// <summary>Puts a pending save to the back of the queue: it is listed again once <paramref name="at"/> is old enough.</summary>
    Task PostponePendingSaveAsync(string rechargeId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Forgets a pending save: the instrument is saved, or there is nothing to save.</summary>
    Task RemovePendingSaveAsync(string rechargeId, CancellationToken cancellationToken);

    /// <summary>The user's customer at a gateway, once a saved instrument made one.</summary>
    Task<string?> CustomerAsync(string userId, string gateway, CancellationToken cancellationToken);

    /// <summary>Remembers the user's customer at a gateway, so every later save uses the same one.</summary>
    Task RememberCustomerAsync(string userId, string gateway, string customer, CancellationToken cancellationToken);
}

/// <summary>What adding a saved instrument came to.</summary>
public enum SavedInstrumentAdd
{
    Added,

    /// <summary>Its id was saved before: the same purchase saved it.</summary>
    AlreadySaved,

    /// <summary>Its user keeps as many as they may (<see cref="SavedInstrumentsOptions.MaxPerUser"/>); nothing was added.</summary>
    LimitReached,
}

/// <summary>A saving recharge whose save is not settled yet, and when that was recorded.</summary>
public sealed record PendingSave(string RechargeId, DateTimeOffset RecordedAt);
