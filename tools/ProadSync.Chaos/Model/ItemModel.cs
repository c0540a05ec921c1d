using ProadSync.Abstractions.Models;

namespace ProadSync.Chaos.Model;

/// <summary>What the driver expects of one leading to-do (or of an external item imported by full sync).</summary>
internal sealed class ItemModel
{
    public long Id { get; set; }

    public required TodoKind Kind { get; init; }

    /// <summary>The leading subject, or <see langword="null"/> once deleted in the leading system.</summary>
    public string? Leading { get; set; }

    /// <summary>Whether the leading to-do carries the mark "externally deleted".</summary>
    public bool Marked { get; set; }

    /// <summary>The summary expected externally, or <see langword="null"/> when no external item may exist.</summary>
    public string? Ext { get; set; }

    /// <summary>For items imported by full sync: the external UID they came with.</summary>
    public string? ForeignUid { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    // ---- this round's events ----

    public bool New { get; set; }

    public string? LeadingEdit { get; set; }

    public bool LeadingDeleted { get; set; }

    public string? ExternalEdit { get; set; }

    public bool ExternalDeleted { get; set; }

    public void ClearRound()
    {
        New = false;
        LeadingEdit = null;
        LeadingDeleted = false;
        ExternalEdit = null;
        ExternalDeleted = false;
    }
}
