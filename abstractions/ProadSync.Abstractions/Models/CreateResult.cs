namespace ProadSync.Abstractions.Models;

/// <summary>The result of a create: the new item, or the item that already carried the identity.</summary>
/// <param name="Item">The item's id and version after the call.</param>
/// <param name="Adopted">
/// <see langword="true"/> when an item with the requested identity already existed (for example after an interrupted
/// run) and was returned instead of creating a duplicate. Its content was not changed.
/// </param>
public sealed record CreateResult(ExternalItemRef Item, bool Adopted);
