namespace ProadSync.Plugin.CalDav.Http;

/// <summary>
/// Href handling: servers write <c>@</c> as <c>%40</c> (SabreDAV with lower-case hex), so hrefs are compared
/// percent-decoded; a trailing slash on a collection is optional.
/// </summary>
internal static class DavHref
{
    /// <summary>Resolves an href (absolute path or URL) against the URL it came from.</summary>
    /// <param name="baseUri">The request URL.</param>
    /// <param name="href">The href.</param>
    /// <returns>The absolute URL.</returns>
    public static Uri Resolve(Uri baseUri, string href) => new(baseUri, href.Trim());

    /// <summary>The decoded path of a URL without a trailing slash, used as comparison key.</summary>
    /// <param name="uri">The URL.</param>
    /// <returns>The key.</returns>
    public static string Key(Uri uri)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    /// <summary>Whether two hrefs (resolved against <paramref name="baseUri"/>) name the same resource.</summary>
    /// <param name="baseUri">The URL both came from.</param>
    /// <param name="a">One href.</param>
    /// <param name="b">The other.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool Same(Uri baseUri, string a, string b)
    {
        var ua = Resolve(baseUri, a);
        var ub = Resolve(baseUri, b);
        return string.Equals(ua.Host, ub.Host, StringComparison.OrdinalIgnoreCase) && ua.Port == ub.Port &&
               string.Equals(Key(ua), Key(ub), StringComparison.Ordinal);
    }

    /// <summary>A collection URL with a trailing slash.</summary>
    /// <param name="uri">The URL.</param>
    /// <returns>The URL ending in '/'.</returns>
    public static Uri AsCollection(Uri uri) =>
        uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;

    /// <summary>The last path segment, decoded (<c>abc.ics</c>).</summary>
    /// <param name="uri">The URL.</param>
    /// <returns>The segment.</returns>
    public static string LastSegment(Uri uri)
    {
        var path = uri.AbsolutePath.TrimEnd('/');
        return Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
    }

    /// <summary>The item URL for a name inside a collection.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="name">The file name (escaped here).</param>
    /// <returns>The URL.</returns>
    public static Uri Child(Uri collection, string name) => new(AsCollection(collection), Uri.EscapeDataString(name));

    /// <summary>
    /// The item id handed to the host: the path, percent-decoded and re-encoded segment by segment, so the same item
    /// always gets the same id whatever hex case or escaping the server used.
    /// </summary>
    /// <param name="uri">The item URL.</param>
    /// <returns>The id (an absolute path).</returns>
    public static string CanonicalId(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/');
        return string.Join('/', segments.Select(s => Uri.EscapeDataString(Uri.UnescapeDataString(s))));
    }

    /// <summary>The URL of an id (an absolute path) on the server of <paramref name="collection"/>.</summary>
    /// <param name="collection">A collection on the server.</param>
    /// <param name="id">The id.</param>
    /// <returns>The URL.</returns>
    public static Uri FromId(Uri collection, string id) => new(collection, id);
}
