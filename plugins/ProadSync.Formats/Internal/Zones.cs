namespace ProadSync.Formats.Internal;

/// <summary>Finds time zones by IANA or Windows id.</summary>
internal static class Zones
{
    /// <summary>Finds a zone by IANA id or Windows id and gives its IANA id.</summary>
    public static bool TryFind(string? id, out TimeZoneInfo zone, out string ianaId)
    {
        zone = TimeZoneInfo.Utc;
        ianaId = string.Empty;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        var name = id.Trim().Trim('"');

        // Some clients prefix a vendor path ("/mozilla.org/20070129_1/Europe/Berlin", "/citadel.org/.../Europe/Berlin").
        var candidates = new List<string> { name };
        if (name.StartsWith('/'))
        {
            var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 1; i < parts.Length; i++)
            {
                candidates.Add(string.Join('/', parts[i..]));
            }
        }

        foreach (var candidate in candidates)
        {
            if (TimeZoneInfo.TryConvertWindowsIdToIanaId(candidate, out var fromWindows)
                && TimeZoneInfo.TryFindSystemTimeZoneById(fromWindows, out var byWindows))
            {
                zone = byWindows;
                ianaId = fromWindows;
                return true;
            }

            if (candidate.Contains('/', StringComparison.Ordinal) || string.Equals(candidate, "UTC", StringComparison.OrdinalIgnoreCase))
            {
                if (TimeZoneInfo.TryFindSystemTimeZoneById(candidate, out var byIana))
                {
                    zone = byIana;
                    ianaId = byIana.HasIanaId ? byIana.Id : candidate;
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The instant a wall-clock time in a zone means (a time in a spring gap moves forward; an ambiguous one takes the first).</summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }

        var offset = zone.IsAmbiguousTime(unspecified)
            ? zone.GetAmbiguousTimeOffsets(unspecified).Max()
            : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset);
    }
}
