using ProadSync.Abstractions.Models;

namespace ProadSync.Core.Leading;

/// <summary>Which to-dos to list.</summary>
public sealed record TodoQuery
{
    /// <summary>Only to-dos of this responsible user.</summary>
    public long? ResponsibleUserId { get; init; }

    /// <summary>Only this kind.</summary>
    public TodoKind? Kind { get; init; }

    /// <summary>Only to-dos whose end (or due date) is on or after this time; to-dos without an end are left out when set.</summary>
    public DateTimeOffset? EndOnOrAfter { get; init; }

    /// <summary>Whether to include to-dos marked "externally deleted".</summary>
    public bool IncludeExternallyDeleted { get; init; } = true;
}
