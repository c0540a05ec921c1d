namespace ProadSync.Plugin.CalDav.Dav;

/// <summary>An item in a collection: its URL and ETag, and its data when it was read.</summary>
/// <param name="Href">The item URL.</param>
/// <param name="ETag">The (strong) ETag.</param>
/// <param name="Data">The iCalendar/vCard text, when read.</param>
internal sealed record DavResource(Uri Href, string ETag, string? Data = null);
