using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Models;

namespace ProadSync.Plugin.Privacy;

/// <summary>
/// The mapper <c>privacy</c> ("busy only"): the external calendar learns only when someone is busy. The subject is
/// replaced by the mapper option <c>subject</c> (default "Busy"; placeholders such as <c>{number}</c>, see
/// <see cref="SubjectPlaceholders"/>), description and location are dropped, appointments show as busy and the
/// priority is normal. Times, all-day flag, task status and the reminder go out as they are. Nothing flows back:
/// <see cref="ToLeading"/> returns <see langword="null"/>, so external edits never change the leading to-do and
/// external items are never imported.
/// </summary>
internal sealed class PrivacyFieldMapper : IFieldMapper
{
    /// <summary>The mapper id a database names.</summary>
    public const string MapperId = "privacy";

    /// <summary>The option key of the subject text.</summary>
    public const string SubjectOption = "subject";

    /// <summary>The subject when no option is set.</summary>
    public const string DefaultSubject = "Busy";

    public string Id => MapperId;

    public CalendarItem ToExternal(LeadingTodo todo, FieldMappingContext context)
    {
        ArgumentNullException.ThrowIfNull(todo);
        ArgumentNullException.ThrowIfNull(context);
        var pattern = Option(context, SubjectOption) ?? DefaultSubject;
        var subject = SubjectPlaceholders.Fill(pattern, todo);
        var content = todo.Content;
        return new CalendarItem
        {
            Kind = content.Kind,
            Subject = subject.Length == 0 ? DefaultSubject : subject,
            Start = content.Start,
            End = content.End,
            IsAllDay = content.IsAllDay,
            TimeZoneId = content.TimeZoneId,
            Description = null,
            DescriptionFormat = DescriptionFormat.PlainText,
            Location = null,
            Priority = Priority.Normal,
            ShowAs = ShowAs.Busy,
            Status = content.Status,
            Reminder = content.Reminder,
        };
    }

    public CalendarItem? ToLeading(CalendarItem external, LeadingTodo? current, FieldMappingContext context) => null;

    internal static string? Option(FieldMappingContext context, string key)
    {
        foreach (var pair in context.Options)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(pair.Value))
            {
                return pair.Value.Trim();
            }
        }

        return null;
    }
}
