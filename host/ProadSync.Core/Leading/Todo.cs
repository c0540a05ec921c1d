using ProadSync.Abstractions.Models;

namespace ProadSync.Core.Leading;

/// <summary>A to-do (appointment or task) of the leading system.</summary>
public sealed record Todo
{
    /// <summary>The to-do's id.</summary>
    public required long Id { get; init; }

    /// <summary>The responsible user.</summary>
    public required long ResponsibleUserId { get; init; }

    /// <summary>The content; <see cref="CalendarItem.Kind"/> says appointment or task.</summary>
    public required CalendarItem Content { get; init; }

    /// <summary>The job (project) number, if any.</summary>
    public string? ProjectNumber { get; init; }

    /// <summary>The job (project) name, if any.</summary>
    public string? ProjectName { get; init; }

    /// <summary>When the to-do was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the to-do was last changed.</summary>
    public required DateTimeOffset ModifiedAt { get; init; }

    /// <summary>A counter that grows with every change; links remember the revision they last synchronised.</summary>
    public required long Revision { get; init; }

    /// <summary>The mark "externally deleted" (SPEC R-MODE-2WAY-4, R-STAT-1); marked to-dos are left out of all runs.</summary>
    public bool ExternallyDeleted { get; init; }

    /// <summary>Whether an active link synchronises this to-do ("sync active", SPEC R-STAT-1). Filled by the store.</summary>
    public bool SyncActive { get; init; }

    /// <summary>The kind, from <see cref="Content"/>.</summary>
    public TodoKind Kind => Content.Kind;
}
