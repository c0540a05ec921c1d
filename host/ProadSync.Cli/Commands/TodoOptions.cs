using System.CommandLine;
using ProadSync.Abstractions.Models;
using ProadSync.Cli.Parsing;

namespace ProadSync.Cli.Commands;

/// <summary>The field options shared by <c>todos add</c> and <c>todos update</c>.</summary>
internal sealed class TodoOptions
{
    public Option<string?> Subject { get; } = new("--subject") { Description = "Subject (an empty subject is written out as \".\")." };

    public Option<string?> From { get; } = new("--from") { Description = "Start (ISO 8601; without offset in the database's time zone; a date alone = all day)." };

    public Option<string?> To { get; } = new("--to") { Description = "End or due (ISO 8601; a task needs it to be synchronised)." };

    public Option<string?> Comment { get; } = new("--comment") { Description = "Comment (description)." };

    public Option<string?> Location { get; } = new("--location") { Description = "Location." };

    public Option<string?> Priority { get; } = new("--priority") { Description = "low | normal | high." };

    public Option<string?> ShowAs { get; } = new("--show-as") { Description = "free | tentative | busy | oof (appointments)." };

    public Option<string?> Status { get; } = new("--status") { Description = "new | started | waiting | deferred | done | cancelled (tasks)." };

    public Option<string?> Reminder { get; } = new("--reminder") { Description = "Reminder time (ISO 8601)." };

    public Option<string?> AllDay { get; } = new("--all-day") { Description = "true | false: whole days (default: true when --from and --to are dates)." };

    public Option<string?> ProjectNumber { get; } = new("--project-number") { Description = "Job (project) number." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Subject, From, To, Comment, Location, Priority, ShowAs, Status, Reminder, AllDay, ProjectNumber })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Applies the options that were given to <paramref name="item"/>.</summary>
    public CalendarItem Apply(ParseResult parse, CalendarItem item, TimeZoneInfo zone)
    {
        if (parse.GetValue(Subject) is { } subject)
        {
            item = item with { Subject = subject };
        }

        var fromText = parse.GetValue(From);
        var toText = parse.GetValue(To);
        if (fromText is not null)
        {
            item = item with { Start = ValueParser.ParseTime(fromText, "--from", zone) };
        }

        if (toText is not null)
        {
            item = item with { End = ValueParser.ParseTime(toText, "--to", zone) };
        }

        if (parse.GetValue(AllDay) is { } allDay)
        {
            item = item with { IsAllDay = ValueParser.ParseBool(allDay, "--all-day") };
        }
        else if (fromText is not null && ValueParser.IsDateOnly(fromText) && (toText is null || ValueParser.IsDateOnly(toText)))
        {
            item = item with { IsAllDay = true };
        }

        if (fromText is not null || toText is not null)
        {
            item = item with { TimeZoneId = zone.Id };
        }

        if (item.IsAllDay && item.Start is { } s && item.End is { } e && e <= s)
        {
            // "--from 2026-12-01 --to 2026-12-01" means the whole of that day: the end is exclusive.
            item = item with { End = e.AddDays(1) };
        }

        if (parse.GetValue(Comment) is { } comment)
        {
            item = item with { Description = comment, DescriptionFormat = DescriptionFormat.PlainText };
        }

        if (parse.GetValue(Location) is { } location)
        {
            item = item with { Location = location };
        }

        if (parse.GetValue(Priority) is { } priority)
        {
            item = item with { Priority = ValueParser.ParsePriority(priority) };
        }

        if (parse.GetValue(ShowAs) is { } showAs)
        {
            item = item with { ShowAs = ValueParser.ParseShowAs(showAs) };
        }

        if (parse.GetValue(Status) is { } status)
        {
            item = item with { Status = ValueParser.ParseStatus(status) };
        }

        if (parse.GetValue(Reminder) is { } reminder)
        {
            item = item with { Reminder = reminder.Length == 0 ? null : ValueParser.ParseTime(reminder, "--reminder", zone) };
        }

        if (item.Start is { } start && item.End is { } end && end < start)
        {
            throw new CliException("--to lies before --from; give an end on or after the start.");
        }

        return item;
    }
}
