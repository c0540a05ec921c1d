namespace ProadSync.Plugin.CalDav.Http;

/// <summary>ETag handling: servers answer 412 to a weak <c>W/"…"</c> ETag in If-Match, so weak prefixes are dropped.</summary>
internal static class DavETag
{
    /// <summary>Drops a weak prefix and surrounding blanks; keeps the quotes.</summary>
    /// <param name="etag">The ETag as the server sent it (header or getetag).</param>
    /// <returns>The strong form.</returns>
    public static string Normalize(string etag)
    {
        var e = etag.Trim();
        if (e.StartsWith("W/", StringComparison.OrdinalIgnoreCase))
        {
            e = e[2..];
        }

        if (!e.StartsWith('"'))
        {
            e = "\"" + e + "\"";
        }

        return e;
    }
}
