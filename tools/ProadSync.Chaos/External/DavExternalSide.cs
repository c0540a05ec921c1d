using System.Net;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ProadSync.Abstractions.Models;

namespace ProadSync.Chaos.External;

/// <summary>
/// A CalDAV collection edited by raw HTTP straight on the server (never through the fault proxy): PROPFIND, GET, PUT,
/// DELETE, MKCALENDAR — another client's edits.
/// </summary>
public sealed class DavExternalSide : IExternalSide, IDisposable
{
    private static readonly XNamespace Dav = "DAV:";
    private readonly HttpClient _http;
    private readonly Uri _collection;
    private readonly Uri _accountUrl;
    private readonly string _userName;

    /// <summary>Creates the side for one collection.</summary>
    /// <param name="collection">The collection URL on the server.</param>
    /// <param name="accountUrl">The URL the account uses (the collection through the proxy).</param>
    /// <param name="userName">The user.</param>
    /// <param name="password">The password.</param>
    public DavExternalSide(Uri collection, Uri accountUrl, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(collection);
        FaultProxy.FaultProxyServer.RequireLoopback(collection);
        _collection = collection;
        _accountUrl = accountUrl;
        _userName = userName;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };

        // Basic on every request (Radicale, DAViCal): no challenge round trip whose early 401 cuts a PUT body short.
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password)));
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("proadsync-chaos/1.0");

        // A fresh connection per request: Radicale's server may close a kept-alive one under a non-idempotent PUT.
        _http.DefaultRequestHeaders.ConnectionClose = true;
    }

    /// <summary>The collection.</summary>
    public Uri Collection => _collection;

    /// <inheritdoc />
    public (string PluginId, string Url, IReadOnlyDictionary<string, string> Options) AccountSettings => ("caldav", _accountUrl.ToString(), new Dictionary<string, string>
    {
        ["calendarUrl"] = _accountUrl.ToString(),
        ["taskUrl"] = _accountUrl.ToString(),
        ["timeoutSeconds"] = "30",
    });

    /// <summary>Makes a fresh calendar (events and tasks) below a calendar home.</summary>
    /// <param name="home">The calendar home.</param>
    /// <param name="name">The new collection's name.</param>
    /// <param name="userName">The user.</param>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The collection URL.</returns>
    public static async Task<Uri> MakeCalendarAsync(Uri home, string name, string userName, string password, CancellationToken cancellationToken)
    {
        FaultProxy.FaultProxyServer.RequireLoopback(home);
        var url = new Uri(home, name + "/");
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password)));
        const string body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">" +
                            "<D:set><D:prop><D:displayname>chaos</D:displayname><C:supported-calendar-component-set><C:comp name=\"VEVENT\"/><C:comp name=\"VTODO\"/></C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>";
        using var request = new HttpRequestMessage(new HttpMethod("MKCALENDAR"), url) { Content = new StringContent(body, Encoding.UTF8, "application/xml") };
        using var response = await client.SendAsync(request, cancellationToken);
        if ((int)response.StatusCode is < 200 or > 299)
        {
            throw new InvalidOperationException($"MKCALENDAR {url} answered {(int)response.StatusCode}.");
        }

        return url;
    }

    /// <summary>
    /// Sends a request, retrying a connection closed without an answer (Radicale's HTTP/1.0 server does that now and
    /// then; another client would retry too). The factory builds a fresh request per attempt.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            try
            {
                return await _http.SendAsync(message, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < 5)
            {
                await Task.Delay(100 * attempt, cancellationToken);
            }
        }
    }

    /// <summary>Counts the objects with one PROPFIND (no GETs): cheap enough to poll while a run writes.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of objects.</returns>
    public async Task<int> CountAsync(CancellationToken cancellationToken) => (await HrefsAsync(cancellationToken)).Count;

    private async Task<List<Uri>> HrefsAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(new HttpMethod("PROPFIND"), _collection)
                {
                    Content = new StringContent("<?xml version=\"1.0\" encoding=\"utf-8\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag/></D:prop></D:propfind>", Encoding.UTF8, "application/xml"),
                };
                request.Headers.Add("Depth", "1");
                return request;
            },
            cancellationToken);
        var xml = await response.Content.ReadAsStringAsync(cancellationToken);
        if ((int)response.StatusCode != 207)
        {
            throw new InvalidOperationException($"PROPFIND {_collection} answered {(int)response.StatusCode}.");
        }

        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        var document = XDocument.Load(reader);
        var own = Canonical(_collection).TrimEnd('/');
        return document.Descendants(Dav + "response").Select(r => r.Element(Dav + "href")?.Value).OfType<string>()
            .Select(href => new Uri(_collection, href))
            .Where(url => Canonical(url).TrimEnd('/') != own && !Canonical(url).EndsWith('/'))
            .ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ExternalObject>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<ExternalObject>();
        foreach (var url in await HrefsAsync(cancellationToken))
        {
            using var get = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
            if (get.StatusCode == HttpStatusCode.NotFound)
            {
                continue;
            }

            var text = await get.Content.ReadAsStringAsync(cancellationToken);
            if (IcsText.Parse(Canonical(url), text) is { } parsed)
            {
                result.Add(parsed);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public Task CreateAsync(TodoKind kind, string uid, string text, CancellationToken cancellationToken) =>
        PutAsync(new Uri(_collection, Uri.EscapeDataString(uid) + ".ics"), text, cancellationToken);

    /// <inheritdoc />
    public Task EditAsync(ExternalObject item, string text, CancellationToken cancellationToken) =>
        PutAsync(new Uri(_collection, item.Id), text, cancellationToken);

    /// <inheritdoc />
    public async Task DeleteAsync(ExternalObject item, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, new Uri(_collection, item.Id)), cancellationToken);
        if ((int)response.StatusCode is (< 200 or > 299) and not 404)
        {
            throw new InvalidOperationException($"DELETE {item.Id} answered {(int)response.StatusCode}.");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>The canonical id of a URL as the CalDAV plugin forms it (each path segment decoded, then encoded).</summary>
    /// <param name="url">The URL.</param>
    /// <returns>The id.</returns>
    public static string Canonical(Uri url) =>
        string.Join('/', url.AbsolutePath.Split('/').Select(s => Uri.EscapeDataString(Uri.UnescapeDataString(s))));

    private async Task PutAsync(Uri url, string text, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            () =>
            {
                var content = new StringContent(text, Encoding.UTF8);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/calendar") { CharSet = "utf-8" };
                return new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
            },
            cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if ((int)response.StatusCode is < 200 or > 299 || ((int)response.StatusCode == 207 && body.Contains("HTTP/1.1 4", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"PUT {url} by {_userName} answered {(int)response.StatusCode}: {body}");
        }
    }
}
