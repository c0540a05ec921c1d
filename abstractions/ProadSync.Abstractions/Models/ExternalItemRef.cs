namespace ProadSync.Abstractions.Models;

/// <summary>
/// Identifies one external item and the version the caller knows: what every guarded update or delete needs.
/// </summary>
/// <param name="Id">The target's id of the item (an href, an EWS ItemId, a Graph id). Stable for the item's life.</param>
/// <param name="Version">The version of the item.</param>
public sealed record ExternalItemRef(string Id, ItemVersion Version);
