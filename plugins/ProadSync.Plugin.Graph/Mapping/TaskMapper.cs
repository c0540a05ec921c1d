using Microsoft.Graph.Models;
using ProadSync.Abstractions.Models;
using GraphTaskStatus = Microsoft.Graph.Models.TaskStatus;

namespace ProadSync.Plugin.Graph.Mapping;

/// <summary>
/// Maps tasks to Microsoft To Do tasks and back (SPEC R-TSK-1/2, R-NOTE-4, D-6). To Do keeps dates only and has no
/// location; "cancelled" becomes completed plus <see cref="GraphTags.CancelledCategory"/>.
/// </summary>
internal static class TaskMapper
{
    public static TodoTask ToGraph(CalendarItem item)
    {
        var cancelled = item.Status == TodoStatus.Cancelled;
        return new TodoTask
        {
            Title = string.IsNullOrEmpty(item.Subject) ? "." : item.Subject,
            Body = new ItemBody
            {
                ContentType = item.DescriptionFormat == DescriptionFormat.Html ? BodyType.Html : BodyType.Text,
                Content = item.Description ?? string.Empty,
            },
            Importance = EventMapper.ToGraph(item.Priority),
            Status = ToGraph(item.Status),
            Categories = cancelled ? [GraphTags.CancelledCategory] : [],
            DueDateTime = item.End is { } end ? GraphTime.ToGraph(end, item.TimeZoneId, dateOnly: true) : null,
            StartDateTime = item.Start is { } start ? GraphTime.ToGraph(start, item.TimeZoneId, dateOnly: true) : null,
            IsReminderOn = item.Reminder is not null,
            ReminderDateTime = item.Reminder is { } r ? GraphTime.ToGraph(r, null, dateOnly: false) : null,
        };
    }

    /// <summary>The linked resources a new task carries: our identity (adoption) and, if any, the source tag.</summary>
    public static List<LinkedResource> LinkedResources(string identity, string? sourceTag)
    {
        var links = new List<LinkedResource>
        {
            new() { ApplicationName = GraphTags.LinkedResourceApplication, DisplayName = "PROAD", ExternalId = identity },
        };
        if (!string.IsNullOrEmpty(sourceTag))
        {
            links.Add(new LinkedResource { ApplicationName = GraphTags.SourceTagApplication, DisplayName = "PROAD " + sourceTag, ExternalId = sourceTag });
        }

        return links;
    }

    public static CalendarItem FromGraph(TodoTask task)
    {
        var zone = GraphTime.ToIana(task.DueDateTime?.TimeZone ?? task.StartDateTime?.TimeZone);
        var cancelled = task.Status == GraphTaskStatus.Completed
            && task.Categories?.Contains(GraphTags.CancelledCategory, StringComparer.OrdinalIgnoreCase) == true;
        return new CalendarItem
        {
            Kind = TodoKind.Task,
            Subject = task.Title ?? string.Empty,
            Start = GraphTime.FromGraph(task.StartDateTime, dateOnly: true, zone),
            End = GraphTime.FromGraph(task.DueDateTime, dateOnly: true, zone),
            TimeZoneId = zone,
            Description = string.IsNullOrEmpty(task.Body?.Content) ? null : task.Body.Content,
            DescriptionFormat = task.Body?.ContentType == BodyType.Html ? DescriptionFormat.Html : DescriptionFormat.PlainText,
            Priority = EventMapper.FromGraph(task.Importance),
            Status = cancelled ? TodoStatus.Cancelled : FromGraph(task.Status),
            // Reminders never flow back (SPEC R-NOTE-3).
            Reminder = null,
            IsRecurring = task.Recurrence is not null,
            SourceTag = task.LinkedResources?
                .FirstOrDefault(l => string.Equals(l.ApplicationName, GraphTags.SourceTagApplication, StringComparison.Ordinal))?.ExternalId,
        };
    }

    public static GraphTaskStatus ToGraph(TodoStatus status) => status switch
    {
        TodoStatus.Started => GraphTaskStatus.InProgress,
        TodoStatus.Waiting => GraphTaskStatus.WaitingOnOthers,
        TodoStatus.Deferred => GraphTaskStatus.Deferred,
        TodoStatus.Done or TodoStatus.Cancelled => GraphTaskStatus.Completed,
        _ => GraphTaskStatus.NotStarted,
    };

    public static TodoStatus FromGraph(GraphTaskStatus? status) => status switch
    {
        GraphTaskStatus.InProgress => TodoStatus.Started,
        GraphTaskStatus.WaitingOnOthers => TodoStatus.Waiting,
        GraphTaskStatus.Deferred => TodoStatus.Deferred,
        GraphTaskStatus.Completed => TodoStatus.Done,
        _ => TodoStatus.New,
    };
}
