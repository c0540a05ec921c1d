using Microsoft.Graph.Models;
using ProadSync.Abstractions.Models;
using GraphImportance = Microsoft.Graph.Models.Importance;

namespace ProadSync.Plugin.Graph.Mapping;

/// <summary>Maps appointments to Graph events and back (SPEC section 4).</summary>
internal static class EventMapper
{
    /// <summary>Builds the event body for a create or a full update.</summary>
    public static Event ToGraph(CalendarItem item)
    {
        var start = item.Start ?? item.End ?? throw new ArgumentException("An appointment needs a start.", nameof(item));
        var end = item.End ?? start;
        var reminderOn = item.Reminder is { } r && r <= start;
        return new Event
        {
            Subject = string.IsNullOrEmpty(item.Subject) ? "." : item.Subject,
            Body = new ItemBody
            {
                ContentType = item.DescriptionFormat == DescriptionFormat.Html ? BodyType.Html : BodyType.Text,
                Content = item.Description ?? string.Empty,
            },
            Start = GraphTime.ToGraph(start, item.TimeZoneId, item.IsAllDay),
            End = GraphTime.ToGraph(end, item.TimeZoneId, item.IsAllDay),
            IsAllDay = item.IsAllDay,
            Location = new Location { DisplayName = item.Location ?? string.Empty },
            Importance = ToGraph(item.Priority),
            ShowAs = item.ShowAs switch
            {
                Abstractions.Models.ShowAs.Free => FreeBusyStatus.Free,
                Abstractions.Models.ShowAs.Tentative => FreeBusyStatus.Tentative,
                Abstractions.Models.ShowAs.OutOfOffice => FreeBusyStatus.Oof,
                _ => FreeBusyStatus.Busy,
            },
            IsReminderOn = reminderOn,
            ReminderMinutesBeforeStart = reminderOn ? (int)Math.Round((start - item.Reminder!.Value).TotalMinutes) : 0,
            SingleValueExtendedProperties =
            [
                new SingleValueLegacyExtendedProperty { Id = GraphTags.SourceTagProperty, Value = item.SourceTag ?? string.Empty },
            ],
        };
    }

    /// <summary>Reads an event.</summary>
    public static CalendarItem FromGraph(Event ev)
    {
        var allDay = ev.IsAllDay ?? false;
        var zone = GraphTime.ToIana(ev.OriginalStartTimeZone);
        var start = GraphTime.FromGraph(ev.Start, allDay, zone);
        var end = GraphTime.FromGraph(ev.End, allDay, zone);
        return new CalendarItem
        {
            Kind = TodoKind.Appointment,
            Subject = ev.Subject ?? string.Empty,
            Start = start,
            End = end,
            IsAllDay = allDay,
            TimeZoneId = zone,
            Description = string.IsNullOrEmpty(ev.Body?.Content) ? null : ev.Body.Content,
            DescriptionFormat = ev.Body?.ContentType == BodyType.Html ? DescriptionFormat.Html : DescriptionFormat.PlainText,
            Location = string.IsNullOrEmpty(ev.Location?.DisplayName) ? null : ev.Location.DisplayName,
            Priority = FromGraph(ev.Importance),
            ShowAs = ev.ShowAs switch
            {
                FreeBusyStatus.Free => Abstractions.Models.ShowAs.Free,
                FreeBusyStatus.Tentative => Abstractions.Models.ShowAs.Tentative,
                FreeBusyStatus.Oof => Abstractions.Models.ShowAs.OutOfOffice,
                _ => Abstractions.Models.ShowAs.Busy,
            },
            // Reminders never flow back (SPEC R-NOTE-3).
            Reminder = null,
            IsPrivate = ev.Sensitivity is Sensitivity.Private or Sensitivity.Confidential,
            IsRecurring = (ev.Type is { } type && type != EventType.SingleInstance) || ev.SeriesMasterId is not null || ev.Recurrence is not null,
            SourceTag = ExtendedProperties.Find(ev.SingleValueExtendedProperties, GraphTags.SourceTagProperty),
        };
    }

    public static GraphImportance ToGraph(Priority priority) => priority switch
    {
        Priority.Low => GraphImportance.Low,
        Priority.High => GraphImportance.High,
        _ => GraphImportance.Normal,
    };

    public static Priority FromGraph(GraphImportance? importance) => importance switch
    {
        GraphImportance.Low => Priority.Low,
        GraphImportance.High => Priority.High,
        _ => Priority.Normal,
    };
}
