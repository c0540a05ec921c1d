namespace ProadSync.Abstractions.Models;

/// <summary>
/// One item read from a target: either its content or the reason it could not be read (a malformed object on the
/// server is reported per item and never stops a run).
/// </summary>
/// <param name="Item">The id and version of the item as read.</param>
/// <param name="Content">The content, or <see langword="null"/> when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">Why the item could not be read, or <see langword="null"/>.</param>
public sealed record FetchedItem(ExternalItemRef Item, CalendarItem? Content, string? Problem = null)
{
    /// <summary>
    /// Something a person should know about an item that was read all the same (for example a file that was not
    /// UTF-8 and was read as Windows-1252), or <see langword="null"/>. The host puts it into the run report's warnings.
    /// Contract 1.1: a plugin that sets it declares <c>"contractVersion": "1.1"</c> in its manifest.
    /// </summary>
    public string? Warning { get; init; }
}
