using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;

namespace Partner.Plugin;

/// <summary>
/// A field mapper: decides what a leading to-do looks like outside and what flows back. This sample sends everything
/// as it is with a text in front of the subject (mapper option <c>prefix</c>, default "[PROAD]") and takes the
/// prefix off again coming in, so a round trip never makes the subject grow. Mappers must be pure and thread-safe;
/// the host applies its own rules afterwards (empty subject → ".", reminders, identity tags).
/// </summary>
internal sealed class SampleFieldMapper : IFieldMapper
{
    /// <summary>The option key of the prefix.</summary>
    public const string PrefixOption = "prefix";

    /// <summary>The mapper id a database names (mapper:&lt;database&gt; = this id).</summary>
    public string Id => PluginRegistrar.PluginId;

    public CalendarItem ToExternal(LeadingTodo todo, FieldMappingContext context)
    {
        ArgumentNullException.ThrowIfNull(todo);
        ArgumentNullException.ThrowIfNull(context);
        var prefix = Prefix(context);
        return todo.Content with { Subject = $"{prefix} {todo.Content.Subject}".Trim() };
    }

    public CalendarItem? ToLeading(CalendarItem external, LeadingTodo? current, FieldMappingContext context)
    {
        ArgumentNullException.ThrowIfNull(external);
        ArgumentNullException.ThrowIfNull(context);
        var prefix = Prefix(context);
        var subject = external.Subject.StartsWith(prefix, StringComparison.Ordinal) ? external.Subject[prefix.Length..].TrimStart() : external.Subject;

        // Return null instead to let nothing flow back.
        return external with { Subject = subject, Reminder = current?.Content.Reminder };
    }

    private static string Prefix(FieldMappingContext context) =>
        context.Options.TryGetValue(PrefixOption, out var prefix) && !string.IsNullOrWhiteSpace(prefix) ? prefix.Trim() : "[PROAD]";
}
