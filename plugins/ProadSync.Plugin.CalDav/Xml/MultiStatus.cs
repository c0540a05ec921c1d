using System.Globalization;
using System.Xml.Linq;

namespace ProadSync.Plugin.CalDav.Xml;

/// <summary>A parsed <c>207 Multi-Status</c> body.</summary>
/// <param name="Responses">The responses in document order.</param>
/// <param name="SyncToken">The top-level sync-token (RFC 6578), if any.</param>
internal sealed record MultiStatus(IReadOnlyList<DavEntry> Responses, string? SyncToken)
{
    /// <summary>The first response, or <see langword="null"/>.</summary>
    public DavEntry? First => Responses.Count > 0 ? Responses[0] : null;

    /// <summary>Reads a multistatus document.</summary>
    /// <param name="document">The parsed body.</param>
    /// <returns>The responses.</returns>
    /// <exception cref="Http.DavProtocolException">The root is not DAV:multistatus.</exception>
    public static MultiStatus From(XDocument document)
    {
        var root = document.Root;
        if (root is null || root.Name != DavNames.MultiStatusName)
        {
            throw new Http.DavProtocolException($"The answer is not a DAV multistatus (root element {root?.Name.ToString() ?? "none"}).");
        }

        var entries = new List<DavEntry>();
        foreach (var response in root.Elements(DavNames.Response))
        {
            var hrefs = response.Elements(DavNames.Href).Select(h => h.Value.Trim()).Where(h => h.Length > 0).ToList();
            if (hrefs.Count == 0)
            {
                continue;
            }

            var status = ParseStatus(response.Element(DavNames.Status)?.Value);
            var propStats = response.Elements(DavNames.PropStat)
                .Select(ps => new DavPropStat(
                    ParseStatus(ps.Element(DavNames.Status)?.Value) ?? 200,
                    ps.Element(DavNames.Prop)?.Elements().ToList() ?? []))
                .ToList();
            var error = response.Element(DavNames.Error);
            foreach (var href in hrefs)
            {
                entries.Add(new DavEntry(href, status, propStats, error));
            }
        }

        return new MultiStatus(entries, root.Element(DavNames.SyncToken)?.Value.Trim());
    }

    /// <summary>Parses <c>HTTP/1.1 404 Not Found</c> into 404.</summary>
    /// <param name="statusLine">The status line.</param>
    /// <returns>The code, or <see langword="null"/>.</returns>
    public static int? ParseStatus(string? statusLine)
    {
        if (string.IsNullOrWhiteSpace(statusLine))
        {
            return null;
        }

        var parts = statusLine.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : null;
    }
}
