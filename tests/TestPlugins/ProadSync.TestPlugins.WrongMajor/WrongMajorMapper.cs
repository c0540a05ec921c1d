using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;

namespace ProadSync.TestPlugins.WrongMajor;

/// <summary>A field mapper that passes content through unchanged.</summary>
public sealed class WrongMajorMapper : IFieldMapper
{
    /// <inheritdoc />
    public string Id => "test-wrong-major-mapper";

    /// <inheritdoc />
    public CalendarItem ToExternal(LeadingTodo todo, FieldMappingContext context) => todo.Content;

    /// <inheritdoc />
    public CalendarItem? ToLeading(CalendarItem external, LeadingTodo? current, FieldMappingContext context) => null;
}
