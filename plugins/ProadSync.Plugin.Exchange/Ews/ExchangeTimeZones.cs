namespace ProadSync.Plugin.Exchange.Ews;

/// <summary>IANA ↔ Windows time-zone ids (EWS StartTimeZone/EndTimeZone carry Windows ids).</summary>
internal static class ExchangeTimeZones
{
    /// <summary>Returns the Windows id for an IANA id, or "UTC" when there is none.</summary>
    public static string ToWindows(string? ianaId)
    {
        if (string.IsNullOrEmpty(ianaId))
        {
            return "UTC";
        }

        if (TimeZoneInfo.TryConvertIanaIdToWindowsId(ianaId, out var windows))
        {
            return windows;
        }

        // Already a Windows id (or unknown): pass it on when the system knows it, else fall back to UTC.
        return TimeZoneInfo.TryConvertWindowsIdToIanaId(ianaId, out _) ? ianaId : "UTC";
    }

    /// <summary>Returns the IANA id for a Windows id, or <see langword="null"/> when unknown or UTC.</summary>
    public static string? ToIana(string? windowsId)
    {
        if (string.IsNullOrEmpty(windowsId) || windowsId is "UTC")
        {
            return null;
        }

        return TimeZoneInfo.TryConvertWindowsIdToIanaId(windowsId, out var iana) ? iana : null;
    }
}
