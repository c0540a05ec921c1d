using ProadSync.Abstractions.Models;

namespace ProadSync.Formats.Tests;

/// <summary>Helpers: fixture items, test files, and unfolded property lines of written text.</summary>
internal static class Ics
{
    public static readonly DateTimeOffset Stamp = new(2026, 2, 1, 8, 0, 0, TimeSpan.Zero);

    public static CalendarItem Appointment() => new()
    {
        Kind = TodoKind.Appointment,
        Subject = "Kick-off",
        Start = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(1)),
        End = new DateTimeOffset(2026, 3, 10, 10, 45, 0, TimeSpan.FromHours(1)),
        TimeZoneId = "Europe/Berlin",
        Description = "Agenda",
        Location = "Room 3",
        SourceTag = "db1:4711",
    };

    public static CalendarItem Task() => new()
    {
        Kind = TodoKind.Task,
        Subject = "Check offer",
        Start = new DateTimeOffset(2026, 7, 14, 8, 0, 0, TimeSpan.FromHours(2)),
        End = new DateTimeOffset(2026, 7, 16, 17, 0, 0, TimeSpan.FromHours(2)),
        TimeZoneId = "Europe/Berlin",
        Status = TodoStatus.Started,
    };

    public static string File(string name) => System.IO.File.ReadAllText(PathOf(name));

    public static string PathOf(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", name);

    public static string Write(CalendarItem item, string uid = "uid-1") => IcsWriter.Write(uid, item, Stamp);

    /// <summary>The content lines of <paramref name="text"/>, unfolded.</summary>
    public static IReadOnlyList<string> Lines(string text) =>
        text.Replace("\r\n ", string.Empty, StringComparison.Ordinal)
            .Replace("\r\n\t", string.Empty, StringComparison.Ordinal)
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The unfolded lines of the first VEVENT/VTODO, without its VALARMs.</summary>
    public static IReadOnlyList<string> ComponentLines(string text)
    {
        var lines = Lines(text);
        var start = lines.ToList().FindIndex(l => l is "BEGIN:VEVENT" or "BEGIN:VTODO");
        var result = new List<string>();
        var depth = 0;
        for (var i = start + 1; i < lines.Count; i++)
        {
            var line = lines[i];
            if (depth == 0 && line is "END:VEVENT" or "END:VTODO")
            {
                break;
            }

            if (line.StartsWith("BEGIN:", StringComparison.Ordinal))
            {
                depth++;
            }
            else if (line.StartsWith("END:", StringComparison.Ordinal))
            {
                depth--;
            }
            else if (depth == 0)
            {
                result.Add(line);
            }
        }

        return result;
    }

    /// <summary>The lines of the component whose name (before ';' or ':') is <paramref name="property"/>.</summary>
    public static IReadOnlyList<string> Property(string text, string property) =>
        ComponentLines(text).Where(l => l.StartsWith(property + ":", StringComparison.Ordinal) || l.StartsWith(property + ";", StringComparison.Ordinal)).ToList();
}
