namespace ProadSync.Abstractions.Models;

/// <summary>
/// An opaque position in a target's change stream (an RFC 6578 sync-token, an EWS SyncState, a Graph delta link).
/// The host stores it after a run and hands it back unchanged.
/// </summary>
/// <param name="Value">The target's token.</param>
public sealed record SyncCursor(string Value)
{
    /// <inheritdoc />
    public override string ToString() => Value;
}
