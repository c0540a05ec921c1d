namespace ProadSync.Abstractions.Models;

/// <summary>
/// The content of an appointment or a task, as the host and the targets exchange it.
/// </summary>
/// <remarks>
/// <para>The same shape is used in both directions. Going out, the host fills it from the leading to-do through a
/// field mapper; coming in, a target fills it from the external object and sets the flags it observed
/// (<see cref="IsPrivate"/>, <see cref="IsRecurring"/>) so the host can apply SPEC R-COND-6.</para>
/// <para>Times carry their offset. <see cref="TimeZoneId"/> is the IANA id the times were meant in (targets that
/// need Windows ids convert). For all-day items <see cref="Start"/> is midnight of the first day and
/// <see cref="End"/> midnight after the last day, both in <see cref="TimeZoneId"/>.</para>
/// </remarks>
public sealed record CalendarItem
{
    /// <summary>Whether this is an appointment or a task.</summary>
    public required TodoKind Kind { get; init; }

    /// <summary>The subject. Never empty going out: the host writes "." for an empty subject (SPEC R-COND-2).</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>Start ("from"). For tasks the start date; may be <see langword="null"/> for tasks.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>End ("to"). For tasks the due date; a task without one is not synchronised (SPEC R-COND-5).</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>Whether the item covers whole days.</summary>
    public bool IsAllDay { get; init; }

    /// <summary>The IANA time zone the times were entered in, or <see langword="null"/> for UTC/floating.</summary>
    public string? TimeZoneId { get; init; }

    /// <summary>The description ("comment").</summary>
    public string? Description { get; init; }

    /// <summary>The format <see cref="Description"/> is in.</summary>
    public DescriptionFormat DescriptionFormat { get; init; }

    /// <summary>The location.</summary>
    public string? Location { get; init; }

    /// <summary>The priority.</summary>
    public Priority Priority { get; init; } = Priority.Normal;

    /// <summary>How an appointment shows (ignored for tasks).</summary>
    public ShowAs ShowAs { get; init; } = ShowAs.Busy;

    /// <summary>The task status (ignored for appointments).</summary>
    public TodoStatus Status { get; init; } = TodoStatus.New;

    /// <summary>
    /// The reminder time. Going out, the host sets it only when it lies after the run and before the start
    /// (SPEC R-APT-4); coming in, it is ignored (SPEC R-NOTE-3).
    /// </summary>
    public DateTimeOffset? Reminder { get; init; }

    /// <summary>Incoming only: the external program marks the item private (SPEC R-COND-6).</summary>
    public bool IsPrivate { get; init; }

    /// <summary>Incoming only: the item is (part of) a recurring series (SPEC R-COND-6).</summary>
    public bool IsRecurring { get; init; }

    /// <summary>
    /// The leading system's identity tag the item carries (iCalendar <c>X-PROAD-ID</c>, an Exchange extended
    /// property), or <see langword="null"/> for items created outside.
    /// </summary>
    public string? SourceTag { get; init; }
}
