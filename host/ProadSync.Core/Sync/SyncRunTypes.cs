using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.Core.Sync;

/// <summary>What the engine knows about an external item in this run.</summary>
internal enum ExternalState
{
    /// <summary>The version equals the link's: nothing happened externally.</summary>
    Unchanged,

    /// <summary>The content differs from the link's hash.</summary>
    Changed,

    /// <summary>The version changed but the normalised content did not (SPEC R-NOTE-2).</summary>
    SameContent,

    /// <summary>The item is gone (confirmed by a read).</summary>
    Deleted,

    /// <summary>The item could not be read.</summary>
    Problem,

    /// <summary>The link remembers that the external item was deleted earlier (export, 1-way).</summary>
    Gone,
}

/// <summary>Where the leading item stands.</summary>
internal enum LeadingState
{
    /// <summary>A candidate of this run (D-1).</summary>
    Candidate,

    /// <summary>It exists but is no candidate (left the window, marked, other user): never deleted anywhere (D-2).</summary>
    OutOfSet,

    /// <summary>It was deleted.</summary>
    Deleted,

    /// <summary>There is no leading item (an import candidate).</summary>
    None,
}

/// <summary>The engine's internal steps; most map to a <see cref="PlanAction"/>.</summary>
internal enum Step
{
    Nothing,
    Skip,
    Fail,
    RecordSeen,
    Create,
    Recreate,
    Update,
    Delete,
    Inbound,
    Import,
    MarkDeleted,
    Deactivate,
    Detach,
    DropLink,
    RememberGone,
    Defer,
}

/// <summary>An observation of one external item.</summary>
internal sealed record ExternalObservation(ExternalState State, ExternalItemRef? Ref = null, CalendarItem? Content = null, string? Hash = null, string? Problem = null)
{
    public static ExternalObservation Unchanged { get; } = new(ExternalState.Unchanged);

    public static ExternalObservation Deleted { get; } = new(ExternalState.Deleted);

    public static ExternalObservation Gone { get; } = new(ExternalState.Gone);
}

/// <summary>A decision for one item.</summary>
internal sealed record Decision(Step Step, string Reason = "", bool Journal = false, bool WithRevision = false)
{
    public static Decision None { get; } = new(Step.Nothing);

    public PlanAction? Action => Step switch
    {
        Step.Create => PlanAction.CreateExternal,
        Step.Recreate => PlanAction.RecreateExternal,
        Step.Update => PlanAction.UpdateExternal,
        Step.Delete => PlanAction.DeleteExternal,
        Step.Inbound => PlanAction.UpdateLeading,
        Step.Import => PlanAction.ImportLeading,
        Step.MarkDeleted => PlanAction.MarkExternallyDeleted,
        Step.Deactivate => PlanAction.DeactivateLink,
        Step.Detach => PlanAction.DetachAndRecreate,
        Step.DropLink => PlanAction.DropLink,
        Step.RememberGone => PlanAction.RememberExternalDeleted,
        _ => null,
    };
}

/// <summary>One item's state during a run.</summary>
internal sealed class ItemWork
{
    public required TodoKind Kind { get; init; }

    public SyncLink? Link { get; set; }

    public Todo? Todo { get; init; }

    public required LeadingState LeadingState { get; init; }

    public required ExternalObservation External { get; set; }

    public string? ExternalId => Link is { ExternalId.Length: > 0 } link ? link.ExternalId : External.Ref?.Id;

    public long? LeadingId => Todo?.Id ?? Link?.LeadingId;

    public LinkKind LinkKind => Kind == TodoKind.Task ? LinkKind.Task : LinkKind.Appointment;
}

/// <summary>What a run read for one kind.</summary>
internal sealed class KindState
{
    public required TodoKind Kind { get; init; }

    public List<ItemWork> Works { get; } = [];

    public SyncCursor? NextCursor { get; set; }

    /// <summary>The target's changes since the stored cursor, read once per run.</summary>
    public ChangeSet? Changes { get; set; }

    /// <summary>The cursor value stored before the run (an unchanged cursor is not written again).</summary>
    public string? PreviousCursor { get; set; }

    /// <summary>The last run's unconfirmed writes as stored before this run (an unchanged value is not written again).</summary>
    public string? PreviousUnconfirmed { get; set; }

    public bool Skipped { get; set; }

    public int ActiveLinks { get; set; }

    public int Failures { get; set; }

    /// <summary>External ids (full sync) that lie beyond the window's end and are checked again in later runs.</summary>
    public List<string> Deferred { get; } = [];
}
