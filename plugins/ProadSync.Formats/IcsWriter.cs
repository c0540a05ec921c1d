using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using ProadSync.Abstractions.Models;
using ProadSync.Formats.Internal;

namespace ProadSync.Formats;

/// <summary>
/// Writes a <see cref="CalendarItem"/> as a complete iCalendar object: one VCALENDAR with one VEVENT (appointment)
/// or VTODO (task) and the VTIMEZONE its times need (SPEC section 4).
/// </summary>
/// <remarks>
/// <para>Mapping: SUMMARY (an empty subject is written as "." — R-COND-2); DTSTART/DTEND or DTSTART/DUE with the
/// IANA TZID and a VTIMEZONE, UTC when <see cref="CalendarItem.TimeZoneId"/> is <see langword="null"/>; all-day items
/// as VALUE=DATE (DTEND exclusive; a task's DUE is its last day); DESCRIPTION; LOCATION; PRIORITY 1/5/9;
/// appointments: TRANSP + X-MICROSOFT-CDO-BUSYSTATUS (R-APT-3); tasks: STATUS + X-PROAD-STATUS with the exact state
/// (R-TSK-2, D-6); X-PROAD-ID from <see cref="CalendarItem.SourceTag"/>; X-PROAD-TZID with the zone of an all-day
/// item's dates; one VALARM when
/// <see cref="CalendarItem.Reminder"/> is set (R-APT-4 — the host has already filtered it).</para>
/// <para>Never written: ATTENDEE, ORGANIZER, ATTACH (R-COND-3, R-COND-4), so no server sends invitations.</para>
/// </remarks>
public static class IcsWriter
{
    /// <summary>Writes the item with DTSTAMP taken from the system clock through <see cref="TimeProvider.System"/>.</summary>
    /// <param name="uid">The UID (see <see cref="IcsIdentity.For"/>).</param>
    /// <param name="item">The content.</param>
    /// <returns>The iCalendar text (CRLF line ends, folded lines).</returns>
    /// <exception cref="IcsFormatException">The item cannot be written (an unknown time zone, no dates for an appointment).</exception>
    public static string Write(string uid, CalendarItem item) => Write(uid, item, TimeProvider.System);

    /// <summary>Writes the item with DTSTAMP taken from <paramref name="timeProvider"/>.</summary>
    /// <param name="uid">The UID (see <see cref="IcsIdentity.For"/>).</param>
    /// <param name="item">The content.</param>
    /// <param name="timeProvider">The clock for DTSTAMP.</param>
    /// <returns>The iCalendar text.</returns>
    /// <exception cref="IcsFormatException">The item cannot be written.</exception>
    public static string Write(string uid, CalendarItem item, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Write(uid, item, timeProvider.GetUtcNow());
    }

    /// <summary>Writes the item with the given DTSTAMP.</summary>
    /// <param name="uid">The UID (see <see cref="IcsIdentity.For"/>).</param>
    /// <param name="item">The content.</param>
    /// <param name="stamp">The DTSTAMP (when this object was written).</param>
    /// <returns>The iCalendar text.</returns>
    /// <exception cref="IcsFormatException">The item cannot be written.</exception>
    public static string Write(string uid, CalendarItem item, DateTimeOffset stamp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uid);
        ArgumentNullException.ThrowIfNull(item);
        if (uid.Any(char.IsControl))
        {
            throw new IcsFormatException("The UID contains control characters and cannot be written.");
        }

        var zone = ResolveZone(item.TimeZoneId);
        var calendar = new Calendar { ProductId = IcsNames.ProductId, Version = "2.0" };
        RecurringComponent component = item.Kind == TodoKind.Task ? WriteTodo(item, zone) : WriteEvent(item, zone);

        component.Uid = uid;
        component.DtStamp = new CalDateTime(stamp.UtcDateTime.AddTicks(-(stamp.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), "UTC", true);
        component.Summary = string.IsNullOrWhiteSpace(item.Subject) ? "." : Clean(item.Subject);
        if (!string.IsNullOrEmpty(item.Description))
        {
            component.Description = Clean(item.Description);
        }

        component.Priority = IcsNames.ToIcs(item.Priority);
        if (!string.IsNullOrEmpty(item.SourceTag))
        {
            component.AddProperty(IcsNames.ProadId, Clean(item.SourceTag));
        }

        if (item.Reminder is { } reminder)
        {
            component.Alarms.Add(Alarm(reminder, component.Summary));
        }

        if (zone is { } allDayZone && item.IsAllDay)
        {
            // Dates carry no TZID; keep the zone the dates were meant in so our reader restores the same midnights.
            component.AddProperty(IcsNames.ProadTimeZone, allDayZone.IanaId);
        }

        if (zone is { } z && (item.Start is not null || item.End is not null) && !item.IsAllDay)
        {
            var earliest = new[] { item.Start, item.End }.Where(t => t is not null).Min()!.Value;
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(z.IanaId, earliest.UtcDateTime.AddYears(-1), false));
        }

        if (component is CalendarEvent calendarEvent)
        {
            calendar.Events.Add(calendarEvent);
        }
        else
        {
            calendar.Todos.Add((Todo)component);
        }

        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new IcsFormatException("The item could not be serialised as iCalendar.");
    }

    private static CalendarEvent WriteEvent(CalendarItem item, ResolvedZone? zone)
    {
        if (item.Start is null || item.End is null)
        {
            throw new IcsFormatException("An appointment needs a start and an end to be written.");
        }

        var calendarEvent = new CalendarEvent
        {
            DtStart = item.IsAllDay ? Date(item.Start.Value, zone) : Time(item.Start.Value, zone),
            DtEnd = item.IsAllDay ? Date(EndOfAllDay(item), zone) : Time(item.End.Value, zone),
            Transparency = item.ShowAs == ShowAs.Free ? "TRANSPARENT" : "OPAQUE",
        };
        if (!string.IsNullOrEmpty(item.Location))
        {
            calendarEvent.Location = Clean(item.Location);
        }

        calendarEvent.AddProperty(IcsNames.BusyStatus, IcsNames.BusyStatusOf(item.ShowAs));
        return calendarEvent;
    }

    private static Todo WriteTodo(CalendarItem item, ResolvedZone? zone)
    {
        var todo = new Todo { Status = IcsNames.StatusOf(item.Status) };
        if (item.Start is { } start)
        {
            todo.DtStart = item.IsAllDay ? Date(start, zone) : Time(start, zone);
        }

        if (item.End is { } end)
        {
            if (item.IsAllDay)
            {
                // A date-only DUE names the day the task is due: the last day, not the exclusive end.
                var due = Date(end, zone).AddDays(-1);
                todo.Due = todo.DtStart is { } s && due.Date < s.Date ? s : due;
            }
            else
            {
                todo.Due = Time(end, zone);
            }
        }

        if (!string.IsNullOrEmpty(item.Location))
        {
            todo.Location = Clean(item.Location);
        }

        todo.AddProperty(IcsNames.ProadStatus, IcsNames.ProadStatusOf(item.Status));
        return todo;
    }

    private static DateTimeOffset EndOfAllDay(CalendarItem item) =>
        item.End!.Value <= item.Start!.Value ? item.Start.Value.AddDays(1) : item.End.Value;

    private static Alarm Alarm(DateTimeOffset reminder, string summary)
    {
        var trigger = new Trigger
        {
            DateTime = new CalDateTime(TruncateToSecond(reminder.UtcDateTime), "UTC", true),
        };
        trigger.Parameters.Set("VALUE", "DATE-TIME");
        return new Alarm { Action = AlarmAction.Display, Description = summary, Trigger = trigger };
    }

    private static CalDateTime Time(DateTimeOffset value, ResolvedZone? zone)
    {
        if (zone is null)
        {
            return new CalDateTime(TruncateToSecond(value.UtcDateTime), "UTC", true);
        }

        var local = TruncateToSecond(TimeZoneInfo.ConvertTime(value, zone.Zone).DateTime);

        // A wall-clock time that occurs twice (autumn change) means its first occurrence (RFC 5545 3.3.5); the second
        // one can only be written in UTC.
        if (zone.Zone.IsAmbiguousTime(local) && zone.Zone.GetAmbiguousTimeOffsets(local).Max() != value.Offset)
        {
            return new CalDateTime(TruncateToSecond(value.UtcDateTime), "UTC", true);
        }

        return new CalDateTime(local, zone.IanaId, true);
    }

    private static CalDateTime Date(DateTimeOffset value, ResolvedZone? zone)
    {
        var local = zone is null ? value.DateTime : TimeZoneInfo.ConvertTime(value, zone.Zone).DateTime;
        return new CalDateTime(DateOnly.FromDateTime(local));
    }

    private static DateTime TruncateToSecond(DateTime value) =>
        value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond));

    private static string Clean(string text)
    {
        // Line ends become LF (escaped as \n); other control characters are not allowed in iCalendar text.
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return normalized.Any(c => char.IsControl(c) && c is not '\n' and not '\t')
            ? new string(normalized.Where(c => !char.IsControl(c) || c is '\n' or '\t').ToArray())
            : normalized;
    }

    private static ResolvedZone? ResolveZone(string? timeZoneId)
    {
        if (timeZoneId is null)
        {
            return null;
        }

        if (!Zones.TryFind(timeZoneId, out var zone, out var iana))
        {
            throw new IcsFormatException($"The time zone '{timeZoneId}' is not known, so the item cannot be written.");
        }

        return IsUtc(iana) ? null : new ResolvedZone(zone, iana);
    }

    internal static bool IsUtc(string ianaId) =>
        ianaId is "UTC" or "Etc/UTC" or "Etc/UCT" or "Etc/GMT" or "GMT" or "Etc/Universal" or "Etc/Zulu";

    private sealed record ResolvedZone(TimeZoneInfo Zone, string IanaId);
}
