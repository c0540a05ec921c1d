using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Sync;

namespace ProadSync.Core.Mapping;

/// <summary>
/// The mapper with id <c>default</c>: SPEC section 4 one to one. Going out it copies the to-do's fields and sets the
/// identity tag; coming in it takes the external fields and keeps what only the leading system owns (the reminder,
/// SPEC R-NOTE-3).
/// </summary>
public sealed class DefaultFieldMapper : IFieldMapper
{
    /// <summary>The mapper's id.</summary>
    public const string MapperId = "default";

    /// <inheritdoc />
    public string Id => MapperId;

    /// <inheritdoc />
    public CalendarItem ToExternal(LeadingTodo todo, FieldMappingContext context) => todo.Content with
    {
        DescriptionFormat = DescriptionFormat.PlainText,
        IsPrivate = false,
        IsRecurring = false,
        SourceTag = SyncIdentity.TodoSourceTag(context.DatabaseName, todo.Id),
    };

    /// <inheritdoc />
    public CalendarItem? ToLeading(CalendarItem external, LeadingTodo? current, FieldMappingContext context) => external with
    {
        Kind = current?.Content.Kind ?? external.Kind,
        Reminder = current?.Content.Reminder,
        IsPrivate = false,
        IsRecurring = false,
        SourceTag = null,
    };
}
