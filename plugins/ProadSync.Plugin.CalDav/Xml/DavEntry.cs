using System.Xml.Linq;

namespace ProadSync.Plugin.CalDav.Xml;

/// <summary>One response of a multistatus.</summary>
/// <param name="Href">The href as the server wrote it.</param>
/// <param name="Status">The response-level status (sync-collection deletions, PUT errors inside a 207), if any.</param>
/// <param name="PropStats">The propstats.</param>
/// <param name="Error">The DAV:error element, if any.</param>
internal sealed record DavEntry(string Href, int? Status, IReadOnlyList<DavPropStat> PropStats, XElement? Error)
{
    /// <summary>The value of a property found with status 200, or <see langword="null"/>.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The property element.</returns>
    public XElement? Prop(XName name) =>
        PropStats.Where(p => p.Status is >= 200 and < 300).SelectMany(p => p.Props).FirstOrDefault(e => e.Name == name);

    /// <summary>The text of a property found with status 200, trimmed, or <see langword="null"/>.</summary>
    /// <param name="name">The property name.</param>
    /// <returns>The text.</returns>
    public string? Text(XName name) => Prop(name)?.Value.Trim() is { Length: > 0 } v ? v : null;

    /// <summary>The effective status: the response-level one, else the first propstat's.</summary>
    public int EffectiveStatus => Status ?? (PropStats.Count > 0 ? PropStats.Min(p => p.Status) : 200);

    /// <summary>Whether the resource type contains <paramref name="type"/>.</summary>
    /// <param name="type">The resource type element name.</param>
    /// <returns>Whether it does.</returns>
    public bool HasResourceType(XName type) => Prop(DavNames.ResourceType)?.Element(type) is not null;
}
