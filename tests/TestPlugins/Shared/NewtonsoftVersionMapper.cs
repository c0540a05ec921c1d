using Newtonsoft.Json;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;

namespace ProadSync.TestPlugins.Shared;

/// <summary>
/// Reports the Newtonsoft.Json its plugin sees: the mapper id carries the assembly version, and
/// <see cref="ToExternal"/> writes version and location into the description, serialised by that very assembly.
/// Compiled into two plugins that carry different Newtonsoft.Json versions.
/// </summary>
public sealed class NewtonsoftVersionMapper : IFieldMapper
{
    private static readonly System.Reflection.Assembly Json = typeof(JsonConvert).Assembly;

    /// <inheritdoc />
    public string Id => "newtonsoft-" + Json.GetName().Version;

    /// <inheritdoc />
    public CalendarItem ToExternal(LeadingTodo todo, FieldMappingContext context) =>
        todo.Content with { Description = JsonConvert.SerializeObject(new Probe(Json.GetName().Version?.ToString(), Json.Location)) };

    /// <inheritdoc />
    public CalendarItem? ToLeading(CalendarItem external, LeadingTodo? current, FieldMappingContext context) => null;

    private sealed record Probe(string? Version, string Location);
}
