namespace ProadSync.Plugin.CalDav.Dav;

/// <summary>An item in a collection: its URL and ETag, and its data when it was read.</summary>
/// <param name="Href">The item URL.</param>
/// <param name="ETag">The (strong) ETag.</param>
/// <param name="Data">The iCalendar/vCard text, when read.</param>
/// <param name="ReadAsWindows1252">Whether the answer that carried the data was not UTF-8 and was read as Windows-1252.</param>
internal sealed record DavResource(Uri Href, string ETag, string? Data = null, bool ReadAsWindows1252 = false);
