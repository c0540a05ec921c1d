using ProadSync.Abstractions.Models;

namespace ProadSync.Core.Leading;

/// <summary>The fields of a to-do to create or change in the leading system.</summary>
/// <param name="ResponsibleUserId">The responsible user.</param>
/// <param name="Content">The to-do's content (kind, subject, times, comment, …).</param>
public sealed record TodoDraft(long ResponsibleUserId, CalendarItem Content)
{
    /// <summary>The job (project) number, if any.</summary>
    public string? ProjectNumber { get; init; }

    /// <summary>The job (project) name, if any.</summary>
    public string? ProjectName { get; init; }
}
