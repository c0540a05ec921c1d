namespace ProadSync.Abstractions.Errors;

/// <summary>
/// The item changed on the server since the host read it (HTTP 412, <c>ErrorIrresolvableConflict</c>). The host
/// re-reads the item and decides again; it never overwrites blindly.
/// </summary>
public sealed class VersionConflictException : TargetException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="itemId">The item's id.</param>
    /// <param name="innerException">The cause, if any.</param>
    public VersionConflictException(string itemId, Exception? innerException = null)
        : base($"The item '{itemId}' was changed on the server since it was read.", innerException) => ItemId = itemId;

    /// <summary>The item's id.</summary>
    public string ItemId { get; }
}
