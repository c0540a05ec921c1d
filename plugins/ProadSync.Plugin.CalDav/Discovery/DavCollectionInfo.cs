namespace ProadSync.Plugin.CalDav.Discovery;

/// <summary>A calendar or address book found in a home.</summary>
/// <param name="Url">The collection URL.</param>
/// <param name="SupportsEvent">Whether it accepts VEVENT (address books: true).</param>
/// <param name="SupportsTodo">Whether it accepts VTODO (address books: true).</param>
internal sealed record DavCollectionInfo(Uri Url, bool SupportsEvent, bool SupportsTodo);
