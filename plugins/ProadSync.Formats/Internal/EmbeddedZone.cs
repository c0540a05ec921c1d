using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;

namespace ProadSync.Formats.Internal;

/// <summary>
/// Evaluates an embedded VTIMEZONE whose TZID is neither an IANA nor a Windows id: finds the observance
/// (STANDARD/DAYLIGHT) in force at a wall-clock time from its DTSTART, RDATEs and yearly RRULE (BYMONTH + BYDAY,
/// the form every real-world VTIMEZONE uses).
/// </summary>
internal static class EmbeddedZone
{
    public static bool TryGetOffset(VTimeZone zone, DateTime local, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        var infos = zone.TimeZoneInfos.OfType<VTimeZoneInfo>().Where(i => i.OffsetTo is not null).ToList();
        if (infos.Count == 0)
        {
            return false;
        }

        VTimeZoneInfo? best = null;
        var bestOnset = DateTime.MinValue;
        foreach (var info in infos)
        {
            if (LatestOnset(info, local) is { } onset && (best is null || onset > bestOnset))
            {
                best = info;
                bestOnset = onset;
            }
        }

        if (best is null)
        {
            // Before every observance began: the offset in force is the one the earliest observance changed from.
            var earliest = infos.OrderBy(i => i.DtStart?.Value ?? DateTime.MaxValue).First();
            offset = (earliest.OffsetFrom ?? earliest.OffsetTo)!.Offset;
            return true;
        }

        offset = best.OffsetTo!.Offset;
        return true;
    }

    private static DateTime? LatestOnset(VTimeZoneInfo info, DateTime local)
    {
        if (info.DtStart is not { } start)
        {
            return null;
        }

        var first = start.Value;
        DateTime? latest = first <= local ? first : null;

        foreach (var rdate in info.RecurrenceDates?.GetAllDates() ?? [])
        {
            var value = rdate.Value;
            if (value <= local && (latest is null || value > latest))
            {
                latest = value;
            }
        }

        if (info.RecurrenceRule is { Frequency: FrequencyType.Yearly } rule)
        {

            var until = rule.Until?.Value;
            for (var year = local.Year; year >= Math.Max(first.Year, local.Year - 1); year--)
            {
                foreach (var onset in YearlyOnsets(rule, first, year))
                {
                    if (onset >= first && onset <= local && (until is null || onset <= until) && (latest is null || onset > latest))
                    {
                        latest = onset;
                    }
                }
            }
        }

        return latest;
    }

    private static IEnumerable<DateTime> YearlyOnsets(RecurrenceRule rule, DateTime first, int year)
    {
        var months = rule.ByMonth is { Count: > 0 } m ? m : [first.Month];
        foreach (var month in months)
        {
            if (rule.ByDay is not { Count: > 0 } days)
            {
                var day = Math.Min(rule.ByMonthDay is { Count: > 0 } md ? md[0] : first.Day, DateTime.DaysInMonth(year, month));
                yield return new DateTime(year, month, Math.Max(day, 1)) + first.TimeOfDay;
                continue;
            }

            foreach (var weekDay in days)
            {
                if (NthWeekday(year, month, weekDay.DayOfWeek, weekDay.Offset ?? 1) is { } date)
                {
                    yield return date + first.TimeOfDay;
                }
            }
        }
    }

    private static DateTime? NthWeekday(int year, int month, DayOfWeek dayOfWeek, int n)
    {
        if (n > 0)
        {
            var date = new DateTime(year, month, 1);
            while (date.DayOfWeek != dayOfWeek)
            {
                date = date.AddDays(1);
            }

            date = date.AddDays(7 * (n - 1));
            return date.Month == month ? date : null;
        }

        if (n < 0)
        {
            var date = new DateTime(year, month, DateTime.DaysInMonth(year, month));
            while (date.DayOfWeek != dayOfWeek)
            {
                date = date.AddDays(-1);
            }

            date = date.AddDays(7 * (n + 1));
            return date.Month == month ? date : null;
        }

        return null;
    }
}
