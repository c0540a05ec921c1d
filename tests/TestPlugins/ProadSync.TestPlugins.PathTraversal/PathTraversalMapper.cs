using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;

namespace ProadSync.TestPlugins.PathTraversal;

/// <summary>A field mapper that passes content through unchanged.</summary>
public sealed class PathTraversalMapper : IFieldMapper
{
    /// <inheritdoc />
    public string Id => "test-path-traversal-mapper";

    /// <inheritdoc />
    public CalendarItem ToExternal(LeadingTodo todo, FieldMappingContext context) => todo.Content;

    /// <inheritdoc />
    public CalendarItem? ToLeading(CalendarItem external, LeadingTodo? current, FieldMappingContext context) => null;
}
