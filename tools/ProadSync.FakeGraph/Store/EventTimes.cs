using System.Globalization;
using System.Text.Json.Nodes;

namespace ProadSync.FakeGraph.Store;

/// <summary>
/// Graph's handling of event times: a write names a local time and a zone; a read without
/// <c>Prefer: outlook.timezone</c> returns UTC, and the zone written is kept as <c>originalStartTimeZone</c>.
/// All-day events keep their dates.
/// </summary>
internal static class EventTimes
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff";

    /// <summary>Normalises <c>start</c>/<c>end</c> of an event body and sets the item's instants.</summary>
    /// <returns>An error message, or <see langword="null"/>.</returns>
    public static string? Apply(StoredItem item)
    {
        var data = item.Data;
        var allDay = data["isAllDay"]?.GetValue<bool>() ?? false;
        foreach (var (name, original) in new[] { ("start", "originalStartTimeZone"), ("end", "originalEndTimeZone") })
        {
            if (data[name] is not JsonObject dt)
            {
                return $"The event needs '{name}'.";
            }

            var text = dt["dateTime"]?.GetValue<string>();
            var zoneId = dt["timeZone"]?.GetValue<string>() ?? "UTC";
            if (text is null || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return $"The '{name}' dateTime is not valid.";
            }

            if (!TryFindZone(zoneId, out var zone))
            {
                return $"A valid TimeZone value must be specified. The following TimeZone value is not supported: '{zoneId}'.";
            }

            local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            var instant = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
            if (allDay)
            {
                data[name] = new JsonObject { ["dateTime"] = local.Date.ToString(Format, CultureInfo.InvariantCulture), ["timeZone"] = "UTC" };
            }
            else
            {
                data[name] = new JsonObject { ["dateTime"] = instant.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture), ["timeZone"] = "UTC" };
            }

            if (!string.Equals(zoneId, "UTC", StringComparison.OrdinalIgnoreCase) || data[original] is null)
            {
                data[original] = zoneId;
            }

            if (name == "start")
            {
                item.StartUtc = instant;
            }
            else
            {
                item.EndUtc = instant;
            }
        }

        return item.EndUtc < item.StartUtc ? "The end of the event lies before its start." : null;
    }

    private static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone!);
    }
}
