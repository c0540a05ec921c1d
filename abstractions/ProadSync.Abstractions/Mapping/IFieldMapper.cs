using ProadSync.Abstractions.Models;

namespace ProadSync.Abstractions.Mapping;

/// <summary>
/// Decides how leading fields become external fields and back. The default mapper applies SPEC section 4 one to
/// one; a database can choose another (for example "busy only").
/// </summary>
/// <remarks>
/// Mappers only shape content. The host applies the rules that hold whatever the mapper does afterwards: an empty
/// subject becomes "." (SPEC R-COND-2), reminders go out only when due after the run and before the start
/// (SPEC R-APT-4), incoming reminders are ignored (SPEC R-NOTE-3), HTML becomes plain text (SPEC R-NOTE-1).
/// Mappers must be pure and thread-safe.
/// </remarks>
public interface IFieldMapper
{
    /// <summary>The mapper's id, as a database's configuration names it (<c>default</c>, <c>privacy</c>, …).</summary>
    string Id { get; }

    /// <summary>Maps a leading to-do to the content written to the target.</summary>
    /// <param name="todo">The leading to-do.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The external content.</returns>
    CalendarItem ToExternal(LeadingTodo todo, FieldMappingContext context);

    /// <summary>
    /// Maps external content to the content the leading to-do should take, or <see langword="null"/> when nothing
    /// flows back (the leading item stays as it is).
    /// </summary>
    /// <param name="external">The external content (description already converted to plain text).</param>
    /// <param name="current">The leading to-do as it is now, or <see langword="null"/> for an import.</param>
    /// <param name="context">The run's context.</param>
    /// <returns>The leading content, or <see langword="null"/>.</returns>
    CalendarItem? ToLeading(CalendarItem external, LeadingTodo? current, FieldMappingContext context);
}
