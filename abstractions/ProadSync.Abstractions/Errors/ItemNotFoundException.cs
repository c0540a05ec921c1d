namespace ProadSync.Abstractions.Errors;

/// <summary>The item no longer exists on the server (HTTP 404/410, <c>ErrorItemNotFound</c>).</summary>
public sealed class ItemNotFoundException : TargetException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="itemId">The item's id.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ItemNotFoundException(string itemId, Exception? innerException = null)
        : base($"The item '{itemId}' does not exist on the server.", innerException) => ItemId = itemId;

    /// <summary>The item's id.</summary>
    public string ItemId { get; }
}
