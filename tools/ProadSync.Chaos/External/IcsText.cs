using System.Globalization;
using System.Text;
using ProadSync.Abstractions.Models;

namespace ProadSync.Chaos.External;

/// <summary>
/// Minimal iCalendar text for "another program": writes simple objects and reads UID, SUMMARY, X-PROAD-ID and the start
/// line by line — deliberately independent of ProadSync's own iCalendar library, so the checks do not share its bugs.
/// </summary>
public static class IcsText
{
    /// <summary>An appointment.</summary>
    /// <param name="uid">The UID.</param>
    /// <param name="summary">The summary (plain letters, digits and dashes).</param>
    /// <param name="start">The start.</param>
    /// <param name="end">The end.</param>
    /// <returns>The text.</returns>
    public static string Event(string uid, string summary, DateTimeOffset start, DateTimeOffset end) => Wrap(
        "VEVENT",
        $"UID:{uid}", $"DTSTAMP:{Utc(start)}", $"DTSTART:{Utc(start)}", $"DTEND:{Utc(end)}", $"SUMMARY:{summary}");

    /// <summary>A task with a due date.</summary>
    /// <param name="uid">The UID.</param>
    /// <param name="summary">The summary.</param>
    /// <param name="due">The due date.</param>
    /// <returns>The text.</returns>
    public static string Todo(string uid, string summary, DateTimeOffset due) => Wrap(
        "VTODO",
        $"UID:{uid}", $"DTSTAMP:{Utc(due)}", $"DUE:{Utc(due)}", "STATUS:NEEDS-ACTION", $"SUMMARY:{summary}");

    /// <summary>Reads the first VEVENT or VTODO of a text, or <see langword="null"/> when it has none.</summary>
    /// <param name="id">The object's id.</param>
    /// <param name="text">The text.</param>
    /// <returns>The object.</returns>
    public static ExternalObject? Parse(string id, string text)
    {
        TodoKind? kind = null;
        string? uid = null, summary = null, tag = null, start = null;
        var depth = 0;
        foreach (var line in Unfold(text))
        {
            if (line.StartsWith("BEGIN:", StringComparison.OrdinalIgnoreCase))
            {
                var name = line[6..].Trim().ToUpperInvariant();
                if (kind is null && name is "VEVENT" or "VTODO")
                {
                    kind = name == "VTODO" ? TodoKind.Task : TodoKind.Appointment;
                    depth = 1;
                }
                else if (depth > 0)
                {
                    depth++;
                }

                continue;
            }

            if (line.StartsWith("END:", StringComparison.OrdinalIgnoreCase))
            {
                if (depth > 0 && --depth == 0)
                {
                    break;
                }

                continue;
            }

            if (depth != 1)
            {
                continue;
            }

            var (prop, value) = Split(line);
            switch (prop)
            {
                case "UID":
                    uid = value;
                    break;
                case "SUMMARY":
                    summary = Unescape(value);
                    break;
                case "X-PROAD-ID":
                    tag = Unescape(value);
                    break;
                case "DTSTART" when kind == TodoKind.Appointment:
                case "DUE" when kind == TodoKind.Task:
                    start = value;
                    break;
            }
        }

        return kind is null ? null : new ExternalObject(id, kind.Value, uid, summary, tag, start, text);
    }

    /// <summary>The same object with another SUMMARY in its first component (as a person editing it would leave it).</summary>
    /// <param name="text">The object text.</param>
    /// <param name="summary">The new summary.</param>
    /// <returns>The new text.</returns>
    public static string WithSummary(string text, string summary)
    {
        var lines = Unfold(text).ToList();
        var output = new StringBuilder();
        var done = false;
        var inComponent = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("BEGIN:VEVENT", StringComparison.OrdinalIgnoreCase) || line.StartsWith("BEGIN:VTODO", StringComparison.OrdinalIgnoreCase))
            {
                inComponent = true;
            }

            if (!done && inComponent && Split(line).Prop == "SUMMARY")
            {
                output.Append("SUMMARY:").Append(summary).Append("\r\n");
                done = true;
                continue;
            }

            if (!done && inComponent && (line.StartsWith("END:VEVENT", StringComparison.OrdinalIgnoreCase) || line.StartsWith("END:VTODO", StringComparison.OrdinalIgnoreCase)))
            {
                output.Append("SUMMARY:").Append(summary).Append("\r\n");
                done = true;
            }

            output.Append(line).Append("\r\n");
        }

        return output.ToString();
    }

    private static string Wrap(string component, params string[] properties)
    {
        var text = new StringBuilder();
        text.Append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ProadSync chaos//another program//EN\r\n");
        text.Append("BEGIN:").Append(component).Append("\r\n");
        foreach (var p in properties)
        {
            text.Append(p).Append("\r\n");
        }

        text.Append("END:").Append(component).Append("\r\nEND:VCALENDAR\r\n");
        return text.ToString();
    }

    private static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static IEnumerable<string> Unfold(string text)
    {
        var current = new StringBuilder();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t'))
            {
                current.Append(raw, 1, raw.Length - 1);
                continue;
            }

            if (current.Length > 0)
            {
                yield return current.ToString();
            }

            current.Clear().Append(raw);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static (string Prop, string Value) Split(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (line.ToUpperInvariant(), string.Empty);
        }

        var head = line[..colon];
        var semicolon = head.IndexOf(';', StringComparison.Ordinal);
        return ((semicolon < 0 ? head : head[..semicolon]).ToUpperInvariant(), line[(colon + 1)..]);
    }

    private static string Unescape(string value) => value
        .Replace("\\n", "\n", StringComparison.OrdinalIgnoreCase)
        .Replace("\\,", ",", StringComparison.Ordinal)
        .Replace("\\;", ";", StringComparison.Ordinal)
        .Replace("\\\\", "\\", StringComparison.Ordinal);
}
