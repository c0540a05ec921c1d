namespace ProadSync.Core.Leading;

/// <summary>The stored relation between one leading item and one external item for one account.</summary>
public sealed record SyncLink
{
    /// <summary>The account.</summary>
    public required long AccountId { get; init; }

    /// <summary>What is linked.</summary>
    public required LinkKind Kind { get; init; }

    /// <summary>The leading item's id (to-do or contact).</summary>
    public required long LeadingId { get; init; }

    /// <summary>The stable identity written to the external item (UID, tag).</summary>
    public required string Identity { get; init; }

    /// <summary>The external item's id (href, ItemId).</summary>
    public required string ExternalId { get; init; }

    /// <summary>The external version last seen or written.</summary>
    public required string ExternalVersion { get; init; }

    /// <summary>The leading revision last synchronised.</summary>
    public required long LeadingRevision { get; init; }

    /// <summary>A hash of the normalised external content last seen, so a version change without a content change is no change.</summary>
    public string? ExternalHash { get; init; }

    /// <summary>Whether the link is active; an inactive link's items are excluded from synchronisation (SPEC R-DIFF-2, R-CON-5).</summary>
    public bool Active { get; init; } = true;

    /// <summary>Why the link is inactive.</summary>
    public string? InactiveReason { get; init; }

    /// <summary>When the link was last written.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
