using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using ProadSync.Abstractions.Models;
using ProadSync.Formats.Internal;
using TodoStatus = ProadSync.Abstractions.Models.TodoStatus;

namespace ProadSync.Formats;

/// <summary>
/// Reads the first VEVENT or VTODO of an iCalendar text into a <see cref="CalendarItem"/> (SPEC section 4, the
/// reverse of <see cref="IcsWriter"/>).
/// </summary>
/// <remarks>
/// <para>Flags for SPEC R-COND-6: an object with RRULE, RDATE, RECURRENCE-ID or several components is
/// <see cref="CalendarItem.IsRecurring"/>; CLASS PRIVATE or CONFIDENTIAL is <see cref="CalendarItem.IsPrivate"/>.</para>
/// <para>Time zones: IANA TZIDs, Windows TZIDs (Outlook), unknown TZIDs with an embedded VTIMEZONE (the instant is
/// computed from it; the item then has no IANA zone), UTC, and floating times (read in
/// <see cref="IcsReadOptions.DefaultTimeZoneId"/>, or as UTC). All-day dates are midnights in the zone the writer
/// named in <c>X-PROAD-TZID</c>, else in <see cref="IcsReadOptions.DefaultTimeZoneId"/>, else in UTC.</para>
/// <para>Reminders (VALARM) are never read (SPEC R-NOTE-3); a plain DESCRIPTION wins over an HTML X-ALT-DESC.</para>
/// </remarks>
public static class IcsReader
{
    /// <summary>Reads <paramref name="text"/> with the default options (floating times as UTC, at most 1 MiB).</summary>
    /// <param name="text">The iCalendar text.</param>
    /// <returns>The object's UID and content.</returns>
    /// <exception cref="IcsFormatException">The text is not a readable calendar object.</exception>
    public static IcsObject Read(string text) => Read(text, IcsReadOptions.Default);

    /// <summary>Reads <paramref name="text"/>.</summary>
    /// <param name="text">The iCalendar text.</param>
    /// <param name="options">How to read.</param>
    /// <returns>The object's UID and content.</returns>
    /// <exception cref="IcsFormatException">The text is not a readable calendar object.</exception>
    public static IcsObject Read(string text, IcsReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new IcsFormatException("The iCalendar data is empty.");
        }

        if (text.Length > options.MaxLength)
        {
            throw new IcsFormatException($"The iCalendar data is {text.Length} characters long, more than the limit of {options.MaxLength}.");
        }

        if (!text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            throw new IcsFormatException("The data is not iCalendar: it does not begin with BEGIN:VCALENDAR.");
        }

        CheckNesting(text);
        Calendar? calendar;
        try
        {
            calendar = Calendar.Load(text.TrimStart('\uFEFF'));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new IcsFormatException($"The iCalendar data cannot be parsed: {FirstSentence(ex.Message)}", ex);
        }

        if (calendar is null)
        {
            throw new IcsFormatException("The iCalendar data holds no calendar.");
        }

        var components = calendar.Children.OfType<RecurringComponent>()
            .Where(c => c is CalendarEvent or Todo)
            .ToList();
        if (components.Count == 0)
        {
            throw new IcsFormatException("The calendar holds neither a VEVENT nor a VTODO.");
        }

        var first = components[0];

        // Ical.Net invents a UID for a component that has none; only the text tells whether it had one.
        if (string.IsNullOrWhiteSpace(first.Uid) || !FirstComponentHasUid(text))
        {
            throw new IcsFormatException($"The {first.Name} has no UID.");
        }

        // Dates carry no zone: ours name it in X-PROAD-TZID, for others the caller's default applies.
        var dateZone = Text(first, IcsNames.ProadTimeZone) is { } own && Zones.TryFind(own, out _, out _) ? own : options.DefaultTimeZoneId;
        var context = new ReadContext(calendar, options.DefaultTimeZoneId, dateZone);
        var item = first is Todo todo ? ReadTodo(todo, context) : ReadEvent((CalendarEvent)first, context);

        var recurring = components.Count > 1 || components.Any(c =>
            c.Properties.ContainsKey("RRULE") || c.Properties.ContainsKey("RDATE") || c.Properties.ContainsKey("RECURRENCE-ID"));
        var privacy = first.Class?.Trim().ToUpperInvariant();
        var (description, format) = ReadDescription(first);

        item = item with
        {
            Subject = first.Summary?.Trim() is { Length: > 0 } subject ? subject : ".",
            Description = description,
            DescriptionFormat = format,
            Priority = IcsNames.PriorityFromIcs(first.Priority),
            SourceTag = Text(first, IcsNames.ProadId),
            IsRecurring = recurring,
            IsPrivate = privacy is "PRIVATE" or "CONFIDENTIAL",
            Reminder = null,
        };
        return new IcsObject(first.Uid.Trim(), item);
    }

    private static CalendarItem ReadEvent(CalendarEvent calendarEvent, ReadContext context)
    {
        var start = Required(calendarEvent, "DTSTART", calendarEvent.DtStart);
        var end = Optional(calendarEvent, "DTEND", calendarEvent.DtEnd);
        var allDay = !start.HasTime;
        var (startTime, zoneId) = context.Resolve(start);
        DateTimeOffset endTime;
        if (end is not null)
        {
            (endTime, var endZone) = context.Resolve(end);
            zoneId ??= endZone;
        }
        else if (calendarEvent.Duration is { } duration)
        {
            endTime = allDay && duration.Days is { } days && duration.Hours is null
                ? startTime.AddDays(days + (7 * (duration.Weeks ?? 0)))
                : startTime + duration.ToTimeSpanUnspecified();
        }
        else
        {
            endTime = allDay ? startTime.AddDays(1) : startTime;
        }

        if (endTime < startTime)
        {
            throw new IcsFormatException("The VEVENT ends before it starts.");
        }

        return new CalendarItem
        {
            Kind = TodoKind.Appointment,
            Start = startTime,
            End = endTime,
            IsAllDay = allDay,
            TimeZoneId = zoneId,
            Location = Blank(calendarEvent.Location),
            ShowAs = ReadShowAs(calendarEvent),
        };
    }

    private static CalendarItem ReadTodo(Todo todo, ReadContext context)
    {
        var start = Optional(todo, "DTSTART", todo.DtStart);
        var due = Optional(todo, "DUE", todo.Due);
        var allDay = (start ?? due) is { HasTime: false };
        DateTimeOffset? startTime = null;
        DateTimeOffset? dueTime = null;
        string? zoneId = null;
        if (start is not null)
        {
            (startTime, zoneId) = context.Resolve(start);
        }

        if (due is not null)
        {
            var (instant, dueZone) = context.Resolve(due);
            zoneId ??= dueZone;

            // A date-only DUE names the day the task is due; the item's end is the midnight after it.
            dueTime = allDay && !due.HasTime ? instant.AddDays(1) : instant;
        }
        else if (startTime is not null && todo.Duration is { } duration)
        {
            dueTime = startTime + duration.ToTimeSpanUnspecified();
        }

        return new CalendarItem
        {
            Kind = TodoKind.Task,
            Start = startTime,
            End = dueTime,
            IsAllDay = allDay,
            TimeZoneId = zoneId,
            Location = Blank(todo.Location),
            Status = ReadStatus(todo),
        };
    }

    private static TodoStatus ReadStatus(Todo todo)
    {
        var status = todo.Status;
        var byStatus = status is null && todo.Properties.ContainsKey("COMPLETED")
            ? TodoStatus.Done
            : IcsNames.StatusFromIcs(status);
        var exact = IcsNames.StatusFromProadStatus(Text(todo, IcsNames.ProadStatus));

        // The exact state survives (D-6) only while it agrees with STATUS; a client that completed or reopened the
        // task changed STATUS, and STATUS then wins.
        return exact is { } e && IcsNames.StatusOf(e) == IcsNames.StatusOf(byStatus) ? e : byStatus;
    }

    private static ShowAs ReadShowAs(CalendarEvent calendarEvent)
    {
        var transparent = string.Equals(calendarEvent.Transparency?.Trim(), "TRANSPARENT", StringComparison.OrdinalIgnoreCase);
        var busyStatus = IcsNames.ShowAsFromBusyStatus(Text(calendarEvent, IcsNames.BusyStatus));

        // X-MICROSOFT-CDO-BUSYSTATUS keeps tentative/out-of-office; it wins while it agrees with TRANSP.
        if (busyStatus is { } b && (b == ShowAs.Free) == transparent)
        {
            return b;
        }

        if (transparent)
        {
            return ShowAs.Free;
        }

        return string.Equals(calendarEvent.Status?.Trim(), "TENTATIVE", StringComparison.OrdinalIgnoreCase)
            ? ShowAs.Tentative
            : ShowAs.Busy;
    }

    private static (string? Text, DescriptionFormat Format) ReadDescription(RecurringComponent component)
    {
        if (Blank(component.Description) is { } plain)
        {
            return (Normalize(plain), DescriptionFormat.PlainText);
        }

        var html = component.Properties.AllOf(IcsNames.AltDescription).FirstOrDefault(p =>
            string.Equals(p.Parameters.Get("FMTTYPE"), "text/html", StringComparison.OrdinalIgnoreCase));
        return html?.Value is string htmlText && Blank(htmlText) is { } h
            ? (Normalize(h), DescriptionFormat.Html)
            : (null, DescriptionFormat.PlainText);
    }

    /// <summary>Refuses absurd nesting before the parser sees it (a real object nests at most VCALENDAR/VEVENT/VALARM).</summary>
    private static void CheckNesting(string text)
    {
        const int MaxDepth = 8;
        var depth = 0;
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            var line = text.AsSpan(lineStart, lineEnd - lineStart);
            if (line.StartsWith("BEGIN:", StringComparison.OrdinalIgnoreCase) && ++depth > MaxDepth)
            {
                throw new IcsFormatException($"The iCalendar data nests components more than {MaxDepth} levels deep.");
            }

            if (line.StartsWith("END:", StringComparison.OrdinalIgnoreCase))
            {
                depth--;
            }

            lineStart = lineEnd + 1;
        }
    }

    private static bool FirstComponentHasUid(string text)
    {
        var depth = -1;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line[0] is ' ' or '\t')
            {
                continue;
            }

            if (depth < 0)
            {
                if (line.Equals("BEGIN:VEVENT", StringComparison.OrdinalIgnoreCase) || line.Equals("BEGIN:VTODO", StringComparison.OrdinalIgnoreCase))
                {
                    depth = 0;
                }

                continue;
            }

            if (line.StartsWith("BEGIN:", StringComparison.OrdinalIgnoreCase))
            {
                depth++;
            }
            else if (line.StartsWith("END:", StringComparison.OrdinalIgnoreCase))
            {
                if (depth-- == 0)
                {
                    return false;
                }
            }
            else if (depth == 0 && (line.StartsWith("UID:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("UID;", StringComparison.OrdinalIgnoreCase)))
            {
                return line.IndexOf(':', StringComparison.Ordinal) < line.Length - 1;
            }
        }

        return false;
    }

    private static string Normalize(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string? Text(CalendarComponent component, string name) =>
        component.Properties.Get<string>(name) is { } value && Blank(value) is { } v ? v.Trim() : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static CalDateTime Required(RecurringComponent component, string name, CalDateTime? value) =>
        Optional(component, name, value) ?? throw new IcsFormatException($"The {component.Name} has no {name}.");

    private static CalDateTime? Optional(RecurringComponent component, string name, CalDateTime? value)
    {
        if (value is not null)
        {
            return value;
        }

        if (component.Properties.ContainsKey(name))
        {
            throw new IcsFormatException($"The {name} of the {component.Name} is not a valid date or date-time.");
        }

        return null;
    }

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }

    /// <summary>Turns iCalendar date-times into instants and IANA zones.</summary>
    private sealed class ReadContext(Calendar calendar, string? defaultZoneId, string? dateZoneId)
    {
        public (DateTimeOffset Instant, string? ZoneId) Resolve(CalDateTime value)
        {
            if (!value.HasTime || value.IsFloating)
            {
                return Floating(value);
            }

            if (value.IsUtc)
            {
                return (new DateTimeOffset(DateTime.SpecifyKind(value.Value, DateTimeKind.Unspecified), TimeSpan.Zero), null);
            }

            var tzId = value.TzId!;
            if (Zones.TryFind(tzId, out var zone, out var iana))
            {
                return (Zones.ToInstant(value.Value, zone), IcsWriter.IsUtc(iana) ? null : iana);
            }

            var embedded = calendar.TimeZones.FirstOrDefault(z => string.Equals(z.TzId, tzId, StringComparison.Ordinal));
            if (embedded is not null)
            {
                // A custom VTIMEZONE may still name an IANA zone (X-LIC-LOCATION); otherwise evaluate its rules.
                if (Zones.TryFind(embedded.Location, out var located, out var locatedIana))
                {
                    return (Zones.ToInstant(value.Value, located), locatedIana);
                }

                if (EmbeddedZone.TryGetOffset(embedded, value.Value, out var offset))
                {
                    return (new DateTimeOffset(DateTime.SpecifyKind(value.Value, DateTimeKind.Unspecified), offset), null);
                }
            }

            throw new IcsFormatException($"The time zone '{tzId}' is neither an IANA nor a Windows id and the object carries no usable VTIMEZONE for it.");
        }

        private (DateTimeOffset Instant, string? ZoneId) Floating(CalDateTime value)
        {
            var local = value.HasTime ? value.Value : value.Date.ToDateTime(TimeOnly.MinValue);
            var zoneId = value.HasTime ? defaultZoneId : dateZoneId;
            if (zoneId is not null && Zones.TryFind(zoneId, out var zone, out var iana) && !IcsWriter.IsUtc(iana))
            {
                return (Zones.ToInstant(local, zone), iana);
            }

            return (new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.Zero), null);
        }
    }
}
