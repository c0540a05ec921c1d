using System.Net.Http;
using ProadSync.Plugin.CalDav.Dav;
using ProadSync.Plugin.CalDav.Http;

namespace ProadSync.Integration.Tests;

/// <summary>
/// Plain DAV requests "from another client": making fresh collections, planting and editing objects behind the
/// target's back. Uses the plugin's HTTP core only for transport and Digest.
/// </summary>
public sealed class RawDav : IDisposable
{
    private readonly DavClient _client;

    /// <summary>Creates the client for the test user.</summary>
    public RawDav() => _client = new DavClient(new DavClientOptions { UserName = DavServers.User, Password = DavServers.Password });

    /// <summary>Makes a fresh calendar below <paramref name="home"/>.</summary>
    /// <param name="home">The calendar home.</param>
    /// <param name="components">The components it accepts.</param>
    /// <returns>The calendar URL.</returns>
    public async Task<Uri> MakeCalendarAsync(Uri home, params string[] components)
    {
        var url = new Uri(home, "it-" + Guid.NewGuid().ToString("N")[..12] + "/");
        var comps = string.Concat((components.Length == 0 ? ["VEVENT", "VTODO"] : components).Select(c => $"<C:comp name=\"{c}\"/>"));
        var body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">" +
                   $"<D:set><D:prop><D:displayname>it</D:displayname><C:supported-calendar-component-set>{comps}</C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>";
        var r = await _client.SendAsync("MKCALENDAR", url, body, null, null, CancellationToken.None);
        Assert.That(DavCollection.EffectiveStatus(r), Is.InRange(200, 299), $"MKCALENDAR {url}: {r.StatusCode} {r.Body}");
        return url;
    }

    /// <summary>Makes a fresh address book below <paramref name="home"/>.</summary>
    /// <param name="home">The address book home.</param>
    /// <returns>The address book URL.</returns>
    public async Task<Uri> MakeAddressBookAsync(Uri home)
    {
        var url = new Uri(home, "it-" + Guid.NewGuid().ToString("N")[..12] + "/");
        var body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><D:mkcol xmlns:D=\"DAV:\" xmlns:CR=\"urn:ietf:params:xml:ns:carddav\">" +
                   "<D:set><D:prop><D:resourcetype><D:collection/><CR:addressbook/></D:resourcetype><D:displayname>it</D:displayname></D:prop></D:set></D:mkcol>";
        var r = await _client.SendAsync("MKCOL", url, body, null, null, CancellationToken.None);
        Assert.That(DavCollection.EffectiveStatus(r), Is.InRange(200, 299), $"MKCOL {url}: {r.StatusCode} {r.Body}");
        return url;
    }

    /// <summary>Writes an object without any guard (another client's edit).</summary>
    /// <param name="url">The object URL.</param>
    /// <param name="text">The text.</param>
    /// <param name="contentType">The media type.</param>
    /// <returns>The effective status.</returns>
    public async Task<int> PutAsync(Uri url, string text, string contentType = "text/calendar; charset=utf-8")
    {
        var r = await _client.SendAsync("PUT", url, text, contentType, null, CancellationToken.None);
        return DavCollection.EffectiveStatus(r);
    }

    /// <summary>Reads an object.</summary>
    /// <param name="url">The object URL.</param>
    /// <returns>The status and body.</returns>
    public async Task<(int Status, string Body)> GetAsync(Uri url)
    {
        var r = await _client.SendAsync("GET", url, null, null, null, CancellationToken.None);
        return (r.StatusCode, r.Body);
    }

    /// <summary>Deletes an object without a guard.</summary>
    /// <param name="url">The object URL.</param>
    /// <returns>The status.</returns>
    public async Task<int> DeleteAsync(Uri url)
    {
        var r = await _client.SendAsync("DELETE", url, null, null, null, CancellationToken.None);
        return DavCollection.EffectiveStatus(r);
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
