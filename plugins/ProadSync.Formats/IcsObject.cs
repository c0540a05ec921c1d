using ProadSync.Abstractions.Models;

namespace ProadSync.Formats;

/// <summary>One calendar object as read: its UID and its content.</summary>
/// <param name="Uid">The iCalendar UID.</param>
/// <param name="Item">The content (reminders are never read, SPEC R-NOTE-3).</param>
public sealed record IcsObject(string Uid, CalendarItem Item);
