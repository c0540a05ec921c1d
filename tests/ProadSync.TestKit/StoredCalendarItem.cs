using ProadSync.Abstractions.Models;

namespace ProadSync.TestKit;

/// <summary>An item as an <see cref="InMemoryCalendarTarget"/> holds it.</summary>
/// <param name="Id">The target's id.</param>
/// <param name="Identity">The identity it was created with (a UID).</param>
/// <param name="Content">The stored content.</param>
/// <param name="Version">The current version.</param>
public sealed record StoredCalendarItem(string Id, string Identity, CalendarItem Content, ItemVersion Version)
{
    /// <summary>The kind.</summary>
    public TodoKind Kind => Content.Kind;

    /// <summary>Whether reads report the item as unparseable.</summary>
    public bool Malformed { get; init; }

    /// <summary>The warning reads report for the item (for example "read as Windows-1252"), if any.</summary>
    public string? Warning { get; init; }
}
