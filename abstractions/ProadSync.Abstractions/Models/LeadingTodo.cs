namespace ProadSync.Abstractions.Models;

/// <summary>
/// A to-do of the leading system as a field mapper sees it: its identity, its content and the project data a
/// mapper may use (for example to put the job number in front of the subject).
/// </summary>
/// <param name="Id">The leading system's id of the to-do.</param>
/// <param name="Content">The to-do's content, in the neutral shape.</param>
public sealed record LeadingTodo(long Id, CalendarItem Content)
{
    /// <summary>The job (project) number the to-do belongs to, if any.</summary>
    public string? ProjectNumber { get; init; }

    /// <summary>The job (project) name the to-do belongs to, if any.</summary>
    public string? ProjectName { get; init; }

    /// <summary>The display name of the responsible user.</summary>
    public string? ResponsibleName { get; init; }
}
