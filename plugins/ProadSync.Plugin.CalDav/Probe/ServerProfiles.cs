namespace ProadSync.Plugin.CalDav.Probe;

/// <summary>The profile names an account can set (<c>TargetSettings.Profile</c>).</summary>
public static class ServerProfiles
{
    /// <summary>Detect the server (the default).</summary>
    public const string Auto = "auto";

    /// <summary>Any RFC 4791/6352 server; behaviour from the probe only.</summary>
    public const string Generic = "generic";

    /// <summary>DAViCal: periodic full ETag reconcile (an unknown sync-token hides deletions).</summary>
    public const string DaviCal = "davical";

    /// <summary>Baikal (SabreDAV): ctag + ETag listing, multiget fallback to GETs.</summary>
    public const string Baikal = "baikal";

    /// <summary>Radicale.</summary>
    public const string Radicale = "radicale";

    /// <summary>Xandikos (errors inside 207, invalid token → 500, no authentication).</summary>
    public const string Xandikos = "xandikos";

    /// <summary>All names.</summary>
    public static IReadOnlyList<string> All { get; } = [Auto, Generic, DaviCal, Baikal, Radicale, Xandikos];

    /// <summary>Picks a profile from the answer headers of a server.</summary>
    /// <param name="headers">Response headers (case-insensitive).</param>
    /// <returns>The profile name (never <see cref="Auto"/>).</returns>
    public static string Detect(IReadOnlyDictionary<string, string> headers)
    {
        string? H(string name) => headers.TryGetValue(name, out var v) ? v : null;
        if (H("X-DAViCal-Version") is not null)
        {
            return DaviCal;
        }

        if (H("X-Sabre-Version") is not null)
        {
            return Baikal;
        }

        var server = H("Server") ?? string.Empty;
        if (server.Contains("Radicale", StringComparison.OrdinalIgnoreCase) || server.Contains("WSGIServer", StringComparison.OrdinalIgnoreCase))
        {
            return Radicale;
        }

        if (server.Contains("Xandikos", StringComparison.OrdinalIgnoreCase) || server.Contains("aiohttp", StringComparison.OrdinalIgnoreCase))
        {
            return Xandikos;
        }

        return Generic;
    }
}
