namespace PaymentCore.Recharges.SavedInstruments;

/// <summary>
/// Saved instruments, per user (in Redis one hash in the user's shard). Every read and change names
/// the user: an instrument is found only under its own user, so another user's id is not found.
/// Implementations throw <see cref="State.StoreUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface ISavedInstrumentStore
{
    /// <summary>Adds it unless its id is taken (a save done before): true when added.</summary>
    Task<bool> AddAsync(SavedInstrument instrument, CancellationToken cancellationToken);

    Task<SavedInstrument?> GetAsync(string userId, string instrumentId, CancellationToken cancellationToken);

    /// <summary>The user's instruments, newest first.</summary>
    Task<IReadOnlyList<SavedInstrument>> ListAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Removes it; false when the user has no instrument of that id.</summary>
    Task<bool> RemoveAsync(string userId, string instrumentId, CancellationToken cancellationToken);

    /// <summary>Records a payment with it (no effect on an instrument removed meanwhile).</summary>
    Task MarkUsedAsync(string userId, string instrumentId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that it can no longer pay, and why (no effect on an instrument removed meanwhile).</summary>
    Task MarkUnusableAsync(string userId, string instrumentId, string reason, CancellationToken cancellationToken);

    /// <summary>The user's customer at a gateway, once a saved instrument made one.</summary>
    Task<string?> CustomerAsync(string userId, string gateway, CancellationToken cancellationToken);

    /// <summary>Remembers the user's customer at a gateway, so every later save uses the same one.</summary>
    Task RememberCustomerAsync(string userId, string gateway, string customer, CancellationToken cancellationToken);
}
