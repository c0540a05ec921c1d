using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;

namespace ProadSync.Plugin.Privacy;

/// <summary>
/// The mapper <c>jobprefix</c>: every field goes out as the default mapper sends it, with the job number in front of
/// the subject ("[J-2026-041] Kick-off"; the mapper option <c>format</c> changes the prefix, default
/// <c>[{number}]</c>). Coming in, the prefix is taken off again, so a round trip never makes the subject grow; an
/// external edit of the rest of the subject flows back as usual.
/// </summary>
internal sealed class JobPrefixFieldMapper : IFieldMapper
{
    /// <summary>The mapper id a database names.</summary>
    public const string MapperId = "jobprefix";

    /// <summary>The option key of the prefix pattern.</summary>
    public const string FormatOption = "format";

    /// <summary>The prefix pattern when no option is set.</summary>
    public const string DefaultFormat = "[{number}]";

    public string Id => MapperId;

    public CalendarItem ToExternal(LeadingTodo todo, FieldMappingContext context)
    {
        ArgumentNullException.ThrowIfNull(todo);
        ArgumentNullException.ThrowIfNull(context);
        var prefix = Prefix(todo, context);
        var subject = todo.Content.Subject.Trim();
        return todo.Content with
        {
            Subject = prefix.Length == 0 || subject.StartsWith(prefix, StringComparison.Ordinal) ? subject : $"{prefix} {subject}",
            DescriptionFormat = DescriptionFormat.PlainText,
            IsPrivate = false,
            IsRecurring = false,
        };
    }

    public CalendarItem? ToLeading(CalendarItem external, LeadingTodo? current, FieldMappingContext context)
    {
        ArgumentNullException.ThrowIfNull(external);
        ArgumentNullException.ThrowIfNull(context);
        var subject = external.Subject.Trim();
        if (current is not null)
        {
            var prefix = Prefix(current, context);
            if (prefix.Length > 0 && subject.StartsWith(prefix, StringComparison.Ordinal))
            {
                subject = subject[prefix.Length..].TrimStart();
            }
        }

        return external with
        {
            Kind = current?.Content.Kind ?? external.Kind,
            Subject = subject,
            Reminder = current?.Content.Reminder,
            IsPrivate = false,
            IsRecurring = false,
            SourceTag = null,
        };
    }

    private static string Prefix(LeadingTodo todo, FieldMappingContext context) =>
        string.IsNullOrWhiteSpace(todo.ProjectNumber)
            ? string.Empty
            : SubjectPlaceholders.Fill(PrivacyFieldMapper.Option(context, FormatOption) ?? DefaultFormat, todo);
}
