using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Sync;
using ProadSync.Core.Text.Templates;

namespace ProadSync.Core.Mapping;

/// <summary>
/// The mapper with id <c>default</c>: SPEC section 4 one to one. Going out it copies the to-do's fields and sets the
/// identity tag; coming in it takes the external fields and keeps what only the leading system owns (the reminder,
/// SPEC R-NOTE-3).
/// </summary>
/// <remarks>
/// Given <see cref="DescriptionTemplates"/>, the external description is rendered by the database's outgoing template
/// (the built-in one sends the comment as it is), and what the template added is taken off again coming in
/// (SPEC R-NOTE-2). Without, the comment goes out as it is.
/// </remarks>
public sealed class DefaultFieldMapper : IFieldMapper
{
    /// <summary>The mapper's id.</summary>
    public const string MapperId = "default";

    private readonly DescriptionTemplates? _templates;

    /// <summary>Creates the mapper that sends the comment as it is.</summary>
    public DefaultFieldMapper()
    {
    }

    /// <summary>Creates the mapper that renders descriptions with the databases' outgoing templates.</summary>
    /// <param name="templates">The description templates per database.</param>
    public DefaultFieldMapper(DescriptionTemplates templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        _templates = templates;
    }

    /// <inheritdoc />
    public string Id => MapperId;

    /// <inheritdoc />
    public CalendarItem ToExternal(LeadingTodo todo, FieldMappingContext context)
    {
        ArgumentNullException.ThrowIfNull(todo);
        ArgumentNullException.ThrowIfNull(context);
        return todo.Content with
        {
            Description = _templates is null ? todo.Content.Description : _templates.ForDatabase(context.DatabaseName).Outgoing.Render(todo, context),
            DescriptionFormat = DescriptionFormat.PlainText,
            IsPrivate = false,
            IsRecurring = false,
            SourceTag = SyncIdentity.TodoSourceTag(context.DatabaseName, todo.Id),
        };
    }

    /// <inheritdoc />
    public CalendarItem? ToLeading(CalendarItem external, LeadingTodo? current, FieldMappingContext context)
    {
        ArgumentNullException.ThrowIfNull(external);
        ArgumentNullException.ThrowIfNull(context);
        return external with
        {
            Kind = current?.Content.Kind ?? external.Kind,
            Description = _templates is null
                ? external.Description
                : _templates.ForDatabase(context.DatabaseName).Outgoing.ToLeading(external.Description, current, context),
            Reminder = current?.Content.Reminder,
            IsPrivate = false,
            IsRecurring = false,
            SourceTag = null,
        };
    }
}
