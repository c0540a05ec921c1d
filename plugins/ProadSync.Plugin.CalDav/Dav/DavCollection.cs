using System.Text;
using System.Xml.Linq;
using ProadSync.Plugin.CalDav.Http;
using ProadSync.Plugin.CalDav.Xml;
using static ProadSync.Plugin.CalDav.Xml.DavNames;

namespace ProadSync.Plugin.CalDav.Dav;

/// <summary>
/// The WebDAV operations on one calendar or address book: ctag, listing, sync-collection, multiget, GET, guarded PUT
/// and DELETE. Shared by the CalDAV and the CardDAV target; answers are parsed, statuses are returned or mapped by
/// the caller.
/// </summary>
internal sealed class DavCollection
{
    private static readonly Dictionary<string, string> Depth0 = new() { ["Depth"] = "0" };
    private static readonly Dictionary<string, string> Depth1 = new() { ["Depth"] = "1" };

    private readonly DavClient _client;

    /// <summary>Creates the collection.</summary>
    /// <param name="client">The DAV client.</param>
    /// <param name="url">The collection URL.</param>
    /// <param name="kind">Calendar or address book.</param>
    public DavCollection(DavClient client, Uri url, DavCollectionKind kind)
    {
        _client = client;
        Url = DavHref.AsCollection(url);
        Kind = kind;
    }

    /// <summary>The collection URL (with a trailing slash).</summary>
    public Uri Url { get; }

    /// <summary>Calendar or address book.</summary>
    public DavCollectionKind Kind { get; }

    /// <summary>The media type of the items.</summary>
    public string ContentType => Kind == DavCollectionKind.Calendar ? "text/calendar; charset=utf-8" : "text/vcard; charset=utf-8";

    /// <summary>The file extension of items this client creates.</summary>
    public string Extension => Kind == DavCollectionKind.Calendar ? ".ics" : ".vcf";

    private XName DataName => Kind == DavCollectionKind.Calendar ? CalendarData : AddressData;

    private XNamespace ReportNs => Kind == DavCollectionKind.Calendar ? C : Card;

    private long XmlCap => _client.Options.MaxResponseBytes;

    /// <summary>Reads the collection's ctag and sync-token (PROPFIND Depth 0).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ctag and sync-token, each <see langword="null"/> when the server has none.</returns>
    public async Task<(string? CTag, string? SyncToken)> GetCTagAsync(CancellationToken cancellationToken)
    {
        var body = new XElement(D + "propfind", new XElement(D + "prop", new XElement(GetCTag), new XElement(SyncToken)));
        var response = await _client.SendAsync("PROPFIND", Url, DavXml.Serialize(body), null, Depth0, cancellationToken);
        var entry = Expect207(response, "the ctag of the collection").Responses.FirstOrDefault(e => DavHref.Same(Url, e.Href, Url.AbsolutePath));
        return (entry?.Text(GetCTag), entry?.Text(SyncToken));
    }

    /// <summary>Lists every item with its ETag (PROPFIND Depth 1), or only the items of one component (calendar-query without time range).</summary>
    /// <param name="component">VEVENT or VTODO to filter by, or <see langword="null"/> for all items.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items.</returns>
    public async Task<IReadOnlyList<DavResource>> ListAsync(string? component, CancellationToken cancellationToken)
    {
        DavResponse response;
        if (component is null)
        {
            var body = new XElement(D + "propfind", new XElement(D + "prop", new XElement(GetETag), new XElement(ResourceType)));
            response = await _client.SendAsync("PROPFIND", Url, DavXml.Serialize(body), null, Depth1, cancellationToken);
        }
        else
        {
            // Never a time-range: servers skip undated and recurring tasks (servers.md).
            var body = new XElement(C + "calendar-query",
                new XAttribute(XNamespace.Xmlns + "D", D.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "C", C.NamespaceName),
                new XElement(D + "prop", new XElement(GetETag)),
                new XElement(C + "filter",
                    new XElement(C + "comp-filter", new XAttribute("name", "VCALENDAR"),
                        new XElement(C + "comp-filter", new XAttribute("name", component)))));
            response = await _client.SendAsync("REPORT", Url, DavXml.Serialize(body), null, Depth1, cancellationToken);
        }

        var ms = Expect207(response, "the listing of the collection");
        return Items(ms).ToList();
    }

    /// <summary>Runs sync-collection (RFC 6578) from <paramref name="token"/> (empty for an initial full sync).</summary>
    /// <param name="token">The token, or empty.</param>
    /// <param name="invalidTokenStatuses">Statuses that mean "token refused" on this server (403/409/412, Xandikos 500).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changes and the new token.</returns>
    /// <exception cref="DavInvalidSyncTokenException">The server refused the token.</exception>
    public async Task<DavSyncResult> SyncAsync(string token, IReadOnlySet<int> invalidTokenStatuses, CancellationToken cancellationToken)
    {
        var changed = new List<DavResource>();
        var deleted = new List<Uri>();
        var current = token;
        for (var round = 0; round < 50; round++)
        {
            var body = new XElement(D + "sync-collection",
                new XElement(D + "sync-token", current),
                new XElement(D + "sync-level", "1"),
                new XElement(D + "prop", new XElement(GetETag)));
            var response = await _client.SendAsync("REPORT", Url, DavXml.Serialize(body), null, Depth0, cancellationToken);
            if (response.StatusCode != 207)
            {
                var tokenRefused = current.Length > 0 &&
                    (invalidTokenStatuses.Contains(response.StatusCode) || response.Body.Contains("valid-sync-token", StringComparison.Ordinal));
                if (tokenRefused)
                {
                    throw new DavInvalidSyncTokenException($"HTTP {response.StatusCode}");
                }

                throw DavErrors.ForCollection(response.StatusCode, "the sync-collection report", response);
            }

            var ms = Parse(response, "the sync-collection report");
            var truncated = false;
            foreach (var entry in ms.Responses)
            {
                var href = DavHref.Resolve(Url, entry.Href);
                if (DavHref.Same(Url, entry.Href, Url.AbsolutePath))
                {
                    truncated |= entry.EffectiveStatus == 507;
                    continue;
                }

                if (entry.Status is 404 or 410)
                {
                    deleted.Add(href);
                }
                else if (!entry.Href.EndsWith('/') && entry.Text(GetETag) is { } etag)
                {
                    changed.Add(new DavResource(href, DavETag.Normalize(etag)));
                }
            }

            current = ms.SyncToken ?? current;
            if (!truncated)
            {
                break;
            }
        }

        return new DavSyncResult(changed, deleted, current);
    }

    /// <summary>Reads items with their data in one multiget REPORT.</summary>
    /// <param name="hrefs">The items.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The found items, and the HTTP status when the whole report failed (SabreDAV 1.8: 404 for one missing href).</returns>
    public async Task<(IReadOnlyList<DavResource> Found, int? FailedStatus)> MultiGetAsync(IReadOnlyList<Uri> hrefs, CancellationToken cancellationToken)
    {
        var report = Kind == DavCollectionKind.Calendar ? "calendar-multiget" : "addressbook-multiget";
        var body = new XElement(ReportNs + report,
            new XAttribute(XNamespace.Xmlns + "D", D.NamespaceName),
            new XElement(D + "prop", new XElement(GetETag), new XElement(DataName)),
            hrefs.Select(h => new XElement(D + "href", h.AbsolutePath)));
        var response = await _client.SendAsync("REPORT", Url, DavXml.Serialize(body), null, Depth1, cancellationToken);
        if (response.StatusCode != 207)
        {
            if (response.StatusCode is 401 or 408 or 429 or >= 500)
            {
                throw DavErrors.ForCollection(response.StatusCode, "the multiget report", response);
            }

            return ([], response.StatusCode);
        }

        var ms = Parse(response, "the multiget report");
        var found = new List<DavResource>();
        foreach (var entry in ms.Responses)
        {
            if (entry.EffectiveStatus is >= 200 and < 300 && entry.Text(GetETag) is { } etag && entry.Prop(DataName) is { } data)
            {
                found.Add(new DavResource(DavHref.Resolve(Url, entry.Href), DavETag.Normalize(etag), data.Value, response.ReadAsWindows1252 && !Ascii.IsValid(data.Value)));
            }
        }

        return (found, null);
    }

    /// <summary>Reads one item with GET.</summary>
    /// <param name="href">The item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The item, or <see langword="null"/> when it does not exist.</returns>
    public async Task<DavResource?> GetAsync(Uri href, CancellationToken cancellationToken)
    {
        var response = await _client.SendAsync("GET", href, null, null, null, cancellationToken);
        if (response.StatusCode is 404 or 410)
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw DavErrors.ForItem(response.StatusCode, href.ToString(), "read", response);
        }

        var etag = response.ETag ?? await GetETagAsync(href, cancellationToken);
        return etag is null ? null : new DavResource(href, etag, response.Body, response.ReadAsWindows1252);
    }

    /// <summary>Reads one item's ETag (PROPFIND Depth 0).</summary>
    /// <param name="href">The item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ETag, or <see langword="null"/> when the item does not exist.</returns>
    public async Task<string?> GetETagAsync(Uri href, CancellationToken cancellationToken)
    {
        var body = new XElement(D + "propfind", new XElement(D + "prop", new XElement(GetETag)));
        var response = await _client.SendAsync("PROPFIND", href, DavXml.Serialize(body), null, Depth0, cancellationToken);
        if (response.StatusCode is 404 or 410)
        {
            return null;
        }

        if (response.StatusCode != 207)
        {
            throw DavErrors.ForItem(response.StatusCode, href.ToString(), "read", response);
        }

        return Parse(response, "the ETag of an item").Responses.Select(e => e.Text(GetETag)).FirstOrDefault(e => e is not null) is { } etag
            ? DavETag.Normalize(etag)
            : null;
    }

    /// <summary>Writes an item: <c>If-None-Match: *</c> when <paramref name="ifMatch"/> is <see langword="null"/>, else <c>If-Match</c>.</summary>
    /// <param name="href">The item URL.</param>
    /// <param name="data">The iCalendar/vCard text.</param>
    /// <param name="ifMatch">The expected ETag of an update, or <see langword="null"/> for a create.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The effective status (the inner status of a 207, Xandikos) and the ETag, if sent.</returns>
    public async Task<DavPutResult> PutAsync(Uri href, string data, string? ifMatch, CancellationToken cancellationToken)
    {
        var headers = ifMatch is null
            ? new Dictionary<string, string> { ["If-None-Match"] = "*" }
            : new Dictionary<string, string> { ["If-Match"] = DavETag.Normalize(ifMatch) };
        var response = await _client.SendAsync("PUT", href, data, ContentType, headers, cancellationToken);
        return new DavPutResult(EffectiveStatus(response), response.StatusCode == 207 ? null : response.ETag, response);
    }

    /// <summary>Deletes an item if its ETag is still <paramref name="ifMatch"/>.</summary>
    /// <param name="href">The item URL.</param>
    /// <param name="ifMatch">The expected ETag.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The effective status and the answer.</returns>
    public async Task<(int Status, DavResponse Response)> DeleteAsync(Uri href, string ifMatch, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string> { ["If-Match"] = DavETag.Normalize(ifMatch) };
        var response = await _client.SendAsync("DELETE", href, null, null, headers, cancellationToken);
        return (EffectiveStatus(response), response);
    }

    /// <summary>
    /// The real status of a write: a 207 Multi-Status (Xandikos) carries the outcome inside; the worst inner status
    /// wins. A 2xx is never taken as success blindly.
    /// </summary>
    /// <param name="response">The answer.</param>
    /// <returns>The effective status.</returns>
    internal static int EffectiveStatus(DavResponse response)
    {
        if (response.StatusCode != 207)
        {
            return response.StatusCode;
        }

        try
        {
            var ms = MultiStatus.From(DavXml.Parse(response.Body, response.Body.Length + 1, "the write answer"));
            var statuses = ms.Responses.Select(e => e.EffectiveStatus).ToList();
            if (statuses.Count == 0)
            {
                return 500;
            }

            var failed = statuses.Where(s => s is < 200 or >= 300).ToList();
            return failed.Count > 0 ? failed.Max() : statuses[0];
        }
        catch (DavProtocolException)
        {
            return 502; // a 207 we cannot read: do not count it as success.
        }
    }

    private IEnumerable<DavResource> Items(MultiStatus ms)
    {
        foreach (var entry in ms.Responses)
        {
            if (entry.Href.EndsWith('/') || DavHref.Same(Url, entry.Href, Url.AbsolutePath) || entry.HasResourceType(DavNames.D + "collection"))
            {
                continue;
            }

            if (entry.EffectiveStatus is >= 200 and < 300 && entry.Text(GetETag) is { } etag)
            {
                yield return new DavResource(DavHref.Resolve(Url, entry.Href), DavETag.Normalize(etag));
            }
        }
    }

    private MultiStatus Expect207(DavResponse response, string what)
    {
        if (response.StatusCode != 207)
        {
            throw DavErrors.ForCollection(response.StatusCode, what, response);
        }

        return Parse(response, what);
    }

    private MultiStatus Parse(DavResponse response, string what) =>
        MultiStatus.From(DavXml.Parse(response.Body, XmlCap, $"The answer to {what} from {response.RequestUri}"));
}
