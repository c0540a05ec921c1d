using System.Globalization;
using Microsoft.Graph.Models;

namespace ProadSync.Plugin.Graph.Mapping;

/// <summary>Converts between instants with an IANA zone and Graph's <c>dateTimeTimeZone</c> (Windows zone names).</summary>
internal static class GraphTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff";

    /// <summary>Writes an instant as local time in the item's zone (Windows id where one exists), or UTC.</summary>
    public static DateTimeTimeZone ToGraph(DateTimeOffset value, string? ianaZone, bool dateOnly)
    {
        var zone = FindZone(ianaZone);
        var local = zone is null ? value.UtcDateTime : TimeZoneInfo.ConvertTime(value, zone).DateTime;
        if (dateOnly)
        {
            local = local.Date;
        }

        return new DateTimeTimeZone
        {
            DateTime = local.ToString(Format, CultureInfo.InvariantCulture),
            TimeZone = zone is null ? "UTC" : WindowsId(zone, ianaZone!),
        };
    }

    /// <summary>
    /// Reads a <c>dateTimeTimeZone</c>. For dates (all-day events, To Do due dates) the date is taken as written
    /// and placed at midnight in <paramref name="dateZone"/>.
    /// </summary>
    public static DateTimeOffset? FromGraph(DateTimeTimeZone? value, bool dateOnly, string? dateZone)
    {
        if (value?.DateTime is null
            || !DateTime.TryParse(value.DateTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        local = DateTime.SpecifyKind(dateOnly ? local.Date : local, DateTimeKind.Unspecified);
        var zone = dateOnly ? FindZone(dateZone) ?? FindZone(value.TimeZone) : FindZone(value.TimeZone);
        zone ??= TimeZoneInfo.Utc;
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Turns a Graph zone name (Windows or IANA) into an IANA id, or <see langword="null"/>.</summary>
    public static string? ToIana(string? zoneName)
    {
        if (string.IsNullOrWhiteSpace(zoneName) || string.Equals(zoneName, "UTC", StringComparison.OrdinalIgnoreCase)
            || string.Equals(zoneName, "tzone://Microsoft/Utc", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(zoneName, out var iana))
        {
            return iana;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var zone) && zone.HasIanaId ? zone.Id : null;
    }

    private static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    private static string WindowsId(TimeZoneInfo zone, string requested) =>
        TimeZoneInfo.TryConvertIanaIdToWindowsId(requested, out var windows) ? windows
        : TimeZoneInfo.TryConvertIanaIdToWindowsId(zone.Id, out windows) ? windows
        : zone.Id;
}
