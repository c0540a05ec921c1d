using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;

namespace ProadSync.TestPlugins.Good;

/// <summary>Prefixes the subject with "[good] " going out; nothing flows back.</summary>
public sealed class GoodFieldMapper : IFieldMapper
{
    /// <inheritdoc />
    public string Id => "test-good-mapper";

    /// <inheritdoc />
    public CalendarItem ToExternal(LeadingTodo todo, FieldMappingContext context) =>
        todo.Content with { Subject = "[good] " + todo.Content.Subject };

    /// <inheritdoc />
    public CalendarItem? ToLeading(CalendarItem external, LeadingTodo? current, FieldMappingContext context) => null;
}
