using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.Cli.Output;

/// <summary>A to-do as <c>todos list/show</c> print it (R-STAT-1: <c>syncActive</c>, <c>externallyDeleted</c>).</summary>
internal sealed record TodoView(
    long Id,
    TodoKind Kind,
    string? Responsible,
    string Subject,
    DateTimeOffset? From,
    DateTimeOffset? To,
    bool AllDay,
    string? TimeZone,
    string? Comment,
    string? Location,
    Priority Priority,
    ShowAs? ShowAs,
    TodoStatus? Status,
    DateTimeOffset? Reminder,
    string? ProjectNumber,
    bool SyncActive,
    bool ExternallyDeleted,
    long Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset ModifiedAt)
{
    public static TodoView Of(Todo todo, IReadOnlyDictionary<long, string> logins)
    {
        var c = todo.Content;
        return new TodoView(
            todo.Id,
            c.Kind,
            logins.TryGetValue(todo.ResponsibleUserId, out var login) ? login : null,
            c.Subject,
            c.Start,
            c.End,
            c.IsAllDay,
            c.TimeZoneId,
            c.Description,
            c.Location,
            c.Priority,
            c.Kind == TodoKind.Appointment ? c.ShowAs : null,
            c.Kind == TodoKind.Task ? c.Status : null,
            c.Reminder,
            todo.ProjectNumber,
            todo.SyncActive,
            todo.ExternallyDeleted,
            todo.Revision,
            todo.CreatedAt,
            todo.ModifiedAt);
    }
}
