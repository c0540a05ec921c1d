namespace ProadSync.Core.Leading;

/// <summary>An external version the leading system overwrote (R-GEN-1), kept so the user can see what was discarded.</summary>
/// <param name="TodoId">The to-do.</param>
/// <param name="AccountId">The account.</param>
/// <param name="At">When it was overwritten.</param>
/// <param name="Reason">Why (for example "both sides changed; the leading version was written out").</param>
/// <param name="ExternalId">The external item's id.</param>
/// <param name="ExternalVersion">The discarded external version.</param>
/// <param name="ContentJson">The discarded external content, as JSON.</param>
public sealed record JournalEntry(long TodoId, long AccountId, DateTimeOffset At, string Reason, string ExternalId, string ExternalVersion, string ContentJson)
{
    /// <summary>The entry's id (0 before it is saved).</summary>
    public long Id { get; init; }
}
