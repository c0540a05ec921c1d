using System.Globalization;
using System.Xml.Linq;
using ProadSync.Abstractions.Models;

namespace ProadSync.Plugin.Exchange.Ews;

/// <summary>
/// Maps appointments and tasks (SPEC section 4) to EWS properties in the XSD order of CalendarItemType / TaskType,
/// and EWS items back.
/// </summary>
internal static class CalendarItemMapper
{
    public static string ElementOf(TodoKind kind) => kind == TodoKind.Appointment ? "CalendarItem" : "Task";

    public static string FolderOf(TodoKind kind) => kind == TodoKind.Appointment ? "calendar" : "tasks";

    /// <summary>
    /// The properties of an item in schema order. <paramref name="identity"/> (create only) adds our tag; on update
    /// the tag is left as it is.
    /// </summary>
    public static IReadOnlyList<EwsProperty> ToProperties(CalendarItem item, string? identity)
    {
        var subject = string.IsNullOrEmpty(item.Subject) ? "." : item.Subject;
        var body = new EwsProperty(EwsPathKind.Field, "item:Body", "Body", item.Description ?? string.Empty)
        {
            Attribute = ("BodyType", item.DescriptionFormat == DescriptionFormat.Html ? "HTML" : "Text"),
        };
        var importance = item.Priority switch { Priority.Low => "Low", Priority.High => "High", _ => "Normal" };
        return item.Kind == TodoKind.Appointment
            ? Appointment(item, identity, subject, body, importance)
            : Task(item, identity, subject, body, importance);
    }

    private static List<EwsProperty> Appointment(CalendarItem item, string? identity, string subject, EwsProperty body, string importance)
    {
        var zone = ExchangeTimeZones.ToWindows(item.TimeZoneId);
        int? reminderMinutes = item.Reminder is { } reminder && item.Start is { } start && reminder <= start
            ? (int)Math.Round((start - reminder).TotalMinutes)
            : null;
        var list = new List<EwsProperty>
        {
            EwsProperty.Field("item:Subject", subject),
            body,
            EwsProperty.Field("item:Importance", importance),
            EwsProperty.Field("item:ReminderIsSet", reminderMinutes is null ? "false" : "true"),
        };
        if (reminderMinutes is { } minutes)
        {
            list.Add(EwsProperty.Field("item:ReminderMinutesBeforeStart", minutes.ToString(CultureInfo.InvariantCulture)));
        }

        AddTags(list, item.SourceTag, identity);
        list.Add(EwsProperty.Field("calendar:Start", Utc(item.Start)));
        list.Add(EwsProperty.Field("calendar:End", Utc(item.End)));
        list.Add(EwsProperty.Field("calendar:IsAllDayEvent", item.IsAllDay ? "true" : "false"));
        list.Add(EwsProperty.Field("calendar:LegacyFreeBusyStatus", item.ShowAs switch
        {
            ShowAs.Free => "Free",
            ShowAs.Tentative => "Tentative",
            ShowAs.OutOfOffice => "OOF",
            _ => "Busy",
        }));
        list.Add(EwsProperty.Field("calendar:Location", string.IsNullOrEmpty(item.Location) ? null : item.Location));
        list.Add(new EwsProperty(EwsPathKind.Field, "calendar:StartTimeZone", "StartTimeZone", null) { Attribute = ("Id", zone) });
        list.Add(new EwsProperty(EwsPathKind.Field, "calendar:EndTimeZone", "EndTimeZone", null) { Attribute = ("Id", zone) });
        return list;
    }

    private static List<EwsProperty> Task(CalendarItem item, string? identity, string subject, EwsProperty body, string importance)
    {
        var list = new List<EwsProperty>
        {
            EwsProperty.Field("item:Subject", subject),
            body,
            EwsProperty.Field("item:Importance", importance),
        };
        if (item.Reminder is { } reminder)
        {
            list.Add(EwsProperty.Field("item:ReminderDueBy", Utc(reminder)));
        }

        list.Add(EwsProperty.Field("item:ReminderIsSet", item.Reminder is null ? "false" : "true"));
        AddTags(list, item.SourceTag, identity);
        list.Add(EwsProperty.Extended(ExtendedProperties.TaskStatus, item.Status.ToString()));
        list.Add(EwsProperty.Extended(ExtendedProperties.TaskLocation, string.IsNullOrEmpty(item.Location) ? null : item.Location));
        list.Add(EwsProperty.Field("task:DueDate", TaskDate(item.End, item.TimeZoneId)));
        list.Add(EwsProperty.Field("task:StartDate", TaskDate(item.Start, item.TimeZoneId)));
        list.Add(EwsProperty.Field("task:Status", ToEwsStatus(item.Status)));
        return list;
    }

    /// <summary>Adds our identity (create only) and the content's source tag (set, or removed when absent).</summary>
    internal static void AddTags(List<EwsProperty> list, string? sourceTag, string? identity)
    {
        if (identity is not null)
        {
            list.Add(EwsProperty.Extended(ExtendedProperties.Identity, identity));
        }

        list.Add(EwsProperty.Extended(ExtendedProperties.SourceTag, string.IsNullOrEmpty(sourceTag) ? null : sourceTag));
    }

    /// <summary>The nearest EWS state; the exact one travels in <see cref="ExtendedProperties.TaskStatus"/> (D-6).</summary>
    public static string ToEwsStatus(TodoStatus status) => status switch
    {
        TodoStatus.New => "NotStarted",
        TodoStatus.Started => "InProgress",
        TodoStatus.Waiting => "WaitingOnOthers",
        TodoStatus.Deferred => "Deferred",
        TodoStatus.Done => "Completed",
        TodoStatus.Cancelled => "Completed",
        _ => "NotStarted",
    };

    /// <summary>Reads the leading status: the tag when it still agrees with the EWS state, else the EWS state.</summary>
    public static TodoStatus FromEwsStatus(string? ews, string? tag)
    {
        if (tag is not null && Enum.TryParse<TodoStatus>(tag, ignoreCase: false, out var tagged) && ToEwsStatus(tagged) == (ews ?? "NotStarted"))
        {
            return tagged;
        }

        return ews switch
        {
            "InProgress" => TodoStatus.Started,
            "WaitingOnOthers" => TodoStatus.Waiting,
            "Deferred" => TodoStatus.Deferred,
            "Completed" => TodoStatus.Done,
            _ => TodoStatus.New,
        };
    }

    /// <summary>Parses a t:CalendarItem or t:Task element.</summary>
    /// <exception cref="FormatException">A value cannot be parsed.</exception>
    public static CalendarItem FromElement(XElement element)
    {
        var kind = element.Name.LocalName == "Task" ? TodoKind.Task : TodoKind.Appointment;
        string? Text(string name) => element.Element(EwsXml.T + name)?.Value;
        var extended = ReadExtended(element);
        var body = element.Element(EwsXml.T + "Body");
        var isHtml = string.Equals((string?)body?.Attribute("BodyType"), "HTML", StringComparison.OrdinalIgnoreCase);
        var priority = Text("Importance") switch { "Low" => Priority.Low, "High" => Priority.High, _ => Priority.Normal };
        var sensitivity = Text("Sensitivity");
        var isPrivate = sensitivity is "Private" or "Confidential";
        var calendarType = Text("CalendarItemType");
        var isRecurring = Bool(Text("IsRecurring")) || calendarType is "RecurringMaster" or "Occurrence" or "Exception" || element.Element(EwsXml.T + "Recurrence") is not null;
        extended.TryGetValue(ExtendedProperties.SourceTag, out var sourceTag);
        if (kind == TodoKind.Appointment)
        {
            var iana = ExchangeTimeZones.ToIana((string?)element.Element(EwsXml.T + "StartTimeZone")?.Attribute("Id"));
            var zone = iana is not null && TimeZoneInfo.TryFindSystemTimeZoneById(iana, out var z) ? z : null;
            return new CalendarItem
            {
                Kind = kind,
                Subject = Text("Subject") ?? string.Empty,
                Description = string.IsNullOrEmpty(body?.Value) ? null : body.Value,
                DescriptionFormat = isHtml ? DescriptionFormat.Html : DescriptionFormat.PlainText,
                Start = InZone(Date(Text("Start")), zone),
                End = InZone(Date(Text("End")), zone),
                IsAllDay = Bool(Text("IsAllDayEvent")),
                TimeZoneId = iana,
                Location = string.IsNullOrEmpty(Text("Location")) ? null : Text("Location"),
                Priority = priority,
                ShowAs = Text("LegacyFreeBusyStatus") switch
                {
                    "Free" => ShowAs.Free,
                    "Tentative" => ShowAs.Tentative,
                    "OOF" => ShowAs.OutOfOffice,
                    _ => ShowAs.Busy,
                },
                IsPrivate = isPrivate,
                IsRecurring = isRecurring,
                SourceTag = sourceTag,
            };
        }

        extended.TryGetValue(ExtendedProperties.TaskStatus, out var statusTag);
        extended.TryGetValue(ExtendedProperties.TaskLocation, out var location);
        return new CalendarItem
        {
            Kind = kind,
            Subject = Text("Subject") ?? string.Empty,
            Description = string.IsNullOrEmpty(body?.Value) ? null : body.Value,
            DescriptionFormat = isHtml ? DescriptionFormat.Html : DescriptionFormat.PlainText,
            Start = DateOnlyOf(Date(Text("StartDate"))),
            End = DateOnlyOf(Date(Text("DueDate"))),
            Location = string.IsNullOrEmpty(location) ? null : location,
            Priority = priority,
            Status = FromEwsStatus(Text("Status"), statusTag),
            IsPrivate = isPrivate,
            IsRecurring = isRecurring,
            SourceTag = sourceTag,
        };
    }

    /// <summary>Reads our PublicStrings string properties of an item.</summary>
    public static Dictionary<string, string> ReadExtended(XElement element)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.Elements(EwsXml.T + "ExtendedProperty"))
        {
            var uri = property.Element(EwsXml.T + "ExtendedFieldURI");
            var name = (string?)uri?.Attribute("PropertyName");
            var set = (string?)uri?.Attribute("DistinguishedPropertySetId") ?? (string?)uri?.Attribute("PropertySetId");
            if (name is not null && (set == ExtendedProperties.PropertySet ||
                string.Equals(set?.Trim('{', '}'), "00020329-0000-0000-C000-000000000046", StringComparison.OrdinalIgnoreCase)))
            {
                result[name] = property.Element(EwsXml.T + "Value")?.Value ?? string.Empty;
            }
        }

        return result;
    }

    private static string? Utc(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Task dates are dates: the local date in the item's zone, sent as midnight UTC (as Outlook/exchangelib do).</summary>
    private static string? TaskDate(DateTimeOffset? value, string? ianaZone)
    {
        if (value is not { } v)
        {
            return null;
        }

        var local = ianaZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(ianaZone, out var zone)
            ? TimeZoneInfo.ConvertTime(v, zone)
            : v;
        return local.Date.ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture);
    }

    private static DateTimeOffset? Date(string? text) =>
        string.IsNullOrEmpty(text)
            ? null
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static DateTimeOffset? InZone(DateTimeOffset? value, TimeZoneInfo? zone) =>
        value is { } v && zone is not null ? TimeZoneInfo.ConvertTime(v, zone) : value;

    /// <summary>
    /// The date a task date means. Exchange returns it as the UTC instant of midnight in the zone it was stored in
    /// (midnight UTC when we wrote it; 23:00Z the day before for a Berlin mailbox); the nearest midnight is the date.
    /// </summary>
    private static DateTimeOffset? DateOnlyOf(DateTimeOffset? value) =>
        value is { } v ? new DateTimeOffset(v.UtcDateTime.AddHours(12).Date, TimeSpan.Zero) : null;

    private static bool Bool(string? text) => text is "true" or "1";
}
