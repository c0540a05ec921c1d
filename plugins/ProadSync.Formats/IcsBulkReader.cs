using System.Text;
using ProadSync.Abstractions.Models;

namespace ProadSync.Formats;

/// <summary>
/// Reads every VEVENT and VTODO of an iCalendar file (an export, a migration), one object per UID, with a reason for
/// each one it cannot take. Components that share a UID (a series with overrides) are one recurring object.
/// </summary>
public static class IcsBulkReader
{
    /// <summary>The largest file read (64 MiB).</summary>
    public const int MaxLength = 64 * 1024 * 1024;

    /// <summary>Reads all objects of <paramref name="text"/>.</summary>
    /// <param name="text">The iCalendar text.</param>
    /// <param name="options">How each object is read (time zone for floating times).</param>
    /// <returns>The objects read and the ones skipped, in file order.</returns>
    /// <exception cref="IcsFormatException">The text is not iCalendar at all.</exception>
    public static IcsBulkResult ReadAll(string text, IcsReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw new IcsFormatException($"The file is {text.Length} characters long, more than the limit of {MaxLength}.");
        }

        var lines = Unfold(text);
        if (!lines.Any(l => l.Equals("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase)))
        {
            throw new IcsFormatException("The file is not iCalendar: it has no BEGIN:VCALENDAR.");
        }

        var zones = new List<string>();
        var objects = new List<(string? Uid, List<string> Lines)>();
        var byUid = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var name = BeginName(lines[i]);
            if (name is not ("VEVENT" or "VTODO" or "VTIMEZONE"))
            {
                continue;
            }

            var end = FindEnd(lines, i, name);
            var block = lines.GetRange(i, end - i + 1);
            i = end;
            if (name == "VTIMEZONE")
            {
                zones.AddRange(block);
                continue;
            }

            var uid = block.Select(l => l.StartsWith("UID", StringComparison.OrdinalIgnoreCase) && l.IndexOf(':', StringComparison.Ordinal) is var c && c > 0 && l[..c].Trim().Equals("UID", StringComparison.OrdinalIgnoreCase) ? l[(c + 1)..].Trim() : null)
                .FirstOrDefault(u => u is not null);
            if (uid is not null && byUid.TryGetValue(uid, out var index))
            {
                objects[index].Lines.AddRange(block);
            }
            else
            {
                if (uid is not null)
                {
                    byUid[uid] = objects.Count;
                }

                objects.Add((uid, block));
            }
        }

        var items = new List<IcsObject>();
        var skipped = new List<IcsSkipped>();
        foreach (var (uid, block) in objects)
        {
            var single = new StringBuilder();
            single.Append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//ProadSync//bulk import//EN\r\n");
            foreach (var line in zones.Concat(block))
            {
                single.Append(line).Append("\r\n");
            }

            single.Append("END:VCALENDAR\r\n");
            try
            {
                var read = IcsReader.Read(single.ToString(), options ?? IcsReadOptions.Default);
                if (read.Item.Kind == TodoKind.Appointment && (read.Item.Start is null || read.Item.End is null))
                {
                    skipped.Add(new IcsSkipped(uid, "the appointment has no start (DTSTART) or no end."));
                    continue;
                }

                items.Add(read);
            }
            catch (IcsFormatException ex)
            {
                skipped.Add(new IcsSkipped(uid, ex.Message));
            }
        }

        return new IcsBulkResult(items, skipped);
    }

    private static List<string> Unfold(string text)
    {
        var result = new List<string>();
        foreach (var raw in text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t') && result.Count > 0)
            {
                result[^1] += raw[1..];
            }
            else if (raw.Length > 0)
            {
                result.Add(raw.TrimEnd('\r'));
            }
        }

        return result;
    }

    private static string? BeginName(string line) =>
        line.StartsWith("BEGIN:", StringComparison.OrdinalIgnoreCase) ? line[6..].Trim().ToUpperInvariant() : null;

    private static int FindEnd(List<string> lines, int start, string name)
    {
        for (var j = start + 1; j < lines.Count; j++)
        {
            if (lines[j].Trim().Equals("END:" + name, StringComparison.OrdinalIgnoreCase))
            {
                return j;
            }
        }

        return lines.Count - 1;
    }
}
