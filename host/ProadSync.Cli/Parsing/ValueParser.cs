using System.Globalization;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.Cli.Parsing;

/// <summary>Turns option text into values, with one clear sentence when it cannot.</summary>
internal static class ValueParser
{
    /// <summary>
    /// Reads an ISO 8601 time. With an offset (or Z) it is taken as is; without one it is read in
    /// <paramref name="timeZone"/> (the database's zone). A date alone means midnight.
    /// </summary>
    public static DateTimeOffset ParseTime(string text, string optionName, TimeZoneInfo timeZone)
    {
        text = text.Trim();
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && HasExplicitOffset(text))
        {
            return withOffset;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];
        if (DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            if (timeZone.IsInvalidTime(unspecified))
            {
                throw new CliException($"{optionName} '{text}' does not exist in the time zone {timeZone.Id} (a clock change skips it); give another time or an explicit offset.");
            }

            return new DateTimeOffset(unspecified, timeZone.GetUtcOffset(unspecified));
        }

        throw new CliException($"{optionName} '{text}' is not a time; use ISO 8601 such as 2026-12-01T09:30 or 2026-12-01T09:30+01:00.");
    }

    public static DateOnly ParseDate(string text, string optionName) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliException($"{optionName} '{text}' is not a date; use YYYY-MM-DD.");

    public static bool IsDateOnly(string text) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public static TodoKind ParseKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "appointment" => TodoKind.Appointment,
        "task" => TodoKind.Task,
        _ => throw new CliException($"--kind '{text}' is not known; use appointment or task."),
    };

    public static Priority ParsePriority(string text) => text.Trim().ToLowerInvariant() switch
    {
        "low" => Priority.Low,
        "normal" => Priority.Normal,
        "high" => Priority.High,
        _ => throw new CliException($"--priority '{text}' is not known; use low, normal or high."),
    };

    public static ShowAs ParseShowAs(string text) => text.Trim().ToLowerInvariant() switch
    {
        "free" => ShowAs.Free,
        "tentative" => ShowAs.Tentative,
        "busy" => ShowAs.Busy,
        "oof" or "outofoffice" or "out-of-office" => ShowAs.OutOfOffice,
        _ => throw new CliException($"--show-as '{text}' is not known; use free, tentative, busy or oof."),
    };

    public static TodoStatus ParseStatus(string text) => text.Trim().ToLowerInvariant() switch
    {
        "new" => TodoStatus.New,
        "started" => TodoStatus.Started,
        "waiting" => TodoStatus.Waiting,
        "deferred" => TodoStatus.Deferred,
        "done" => TodoStatus.Done,
        "cancelled" or "canceled" => TodoStatus.Cancelled,
        _ => throw new CliException($"--status '{text}' is not known; use new, started, waiting, deferred, done or cancelled."),
    };

    public static SyncMode ParseMode(string text) => text.Trim().ToLowerInvariant() switch
    {
        "export" => SyncMode.Export,
        "one-way" or "1-way" or "oneway" => SyncMode.OneWay,
        "two-way" or "2-way" or "twoway" => SyncMode.TwoWay,
        "full" => SyncMode.Full,
        _ => throw new CliException($"--mode '{text}' is not known; use export, one-way, two-way or full."),
    };

    public static string ModeName(SyncMode mode) => mode switch
    {
        SyncMode.Export => "export",
        SyncMode.OneWay => "one-way",
        SyncMode.TwoWay => "two-way",
        _ => "full",
    };

    public static bool ParseBool(string text, string optionName) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "1" or "on" => true,
        "false" or "no" or "0" or "off" => false,
        _ => throw new CliException($"{optionName} '{text}' is not true or false."),
    };

    /// <summary>Reads repeated <c>--option KEY=VALUE</c> pairs (an empty value is kept: it means "remove").</summary>
    public static Dictionary<string, string> ParseKeyValues(IEnumerable<string>? pairs, string optionName, IEqualityComparer<string>? comparer = null)
    {
        var result = new Dictionary<string, string>(comparer ?? StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliException($"{optionName} '{pair}' is not KEY=VALUE.");
            }

            result[pair[..eq]] = pair[(eq + 1)..];
        }

        return result;
    }

    public static TimeZoneInfo FindTimeZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new CliException($"The time zone '{id}' is not known on this machine; use an IANA id such as Europe/Berlin.");
        }
    }

    private static bool HasExplicitOffset(string text)
    {
        var timePart = text.Contains('T', StringComparison.Ordinal) ? text[(text.IndexOf('T', StringComparison.Ordinal) + 1)..] : text.Contains(' ', StringComparison.Ordinal) ? text[(text.IndexOf(' ', StringComparison.Ordinal) + 1)..] : "";
        return timePart.EndsWith('Z') || timePart.EndsWith('z') || timePart.Contains('+', StringComparison.Ordinal) || timePart.Contains('-', StringComparison.Ordinal);
    }
}
