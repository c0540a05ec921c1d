namespace ProadSync.Abstractions.Models;

/// <summary>
/// What a target reports as changed since a cursor, or everything it holds when <see cref="IsFullListing"/> is set.
/// </summary>
/// <remarks>
/// The set carries ids and versions only; the host fetches the content of the items it needs with
/// <see cref="Targets.ICalendarTarget.GetAsync"/>. In a full listing, an item the host knows that is absent counts as
/// deleted — unless the listing is suspicious (for example suddenly empty), which the host checks.
/// </remarks>
/// <param name="Items">Items created or changed since the cursor (or all items in a full listing).</param>
/// <param name="DeletedIds">Ids of items deleted since the cursor (empty in a full listing).</param>
/// <param name="NextCursor">The cursor to hand back next time, or <see langword="null"/> when the target has none.</param>
/// <param name="IsFullListing">Whether <paramref name="Items"/> lists every item of the collection.</param>
public sealed record ChangeSet(
    IReadOnlyList<ExternalItemRef> Items,
    IReadOnlyList<string> DeletedIds,
    SyncCursor? NextCursor,
    bool IsFullListing);
