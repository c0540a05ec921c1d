using System.Net;
using System.Text;

namespace ProadSync.Benchmark.Servers;

/// <summary>Creates a fresh, empty calendar below a calendar home with MKCALENDAR (directly, not through the proxy).</summary>
internal static class CalendarMaker
{
    /// <summary>Creates <paramref name="name"/> below the home of <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The server.</param>
    /// <param name="name">The collection's last path segment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new calendar's URL (with a trailing slash).</returns>
    /// <exception cref="BenchmarkException">The server refused.</exception>
    public static async Task<Uri> CreateAsync(ServerEndpoint endpoint, string name, CancellationToken cancellationToken)
    {
        var home = endpoint.Home.AbsoluteUri.EndsWith('/') ? endpoint.Home : new Uri(endpoint.Home.AbsoluteUri + "/");
        var url = new Uri(home, name + "/");
        var credentials = new CredentialCache
        {
            { home, "Basic", new NetworkCredential(endpoint.User, endpoint.Password) },
            { home, "Digest", new NetworkCredential(endpoint.User, endpoint.Password) },
        };
        using var handler = new SocketsHttpHandler { Credentials = credentials, AllowAutoRedirect = false, UseCookies = false };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(1) };
        var body = $"""
            <?xml version="1.0" encoding="utf-8"?>
            <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop>
            <D:displayname>{name}</D:displayname>
            <C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="VTODO"/></C:supported-calendar-component-set>
            </D:prop></D:set></C:mkcalendar>
            """;
        // Basic goes with the first request (Radicale closes the connection after a 401, so a challenge-and-retry on
        // it fails); a Digest server (SabreDAV) answers 401 and the credential cache answers its challenge.
        HttpRequestMessage Build(bool basic)
        {
            var request = new HttpRequestMessage(new HttpMethod("MKCALENDAR"), url)
            {
                Content = new StringContent(body, Encoding.UTF8, "application/xml"),
            };
            request.Headers.TryAddWithoutValidation("User-Agent", "ProadSync-Benchmark");
            request.Headers.ConnectionClose = true;
            if (basic)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                    "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{endpoint.User}:{endpoint.Password}")));
            }

            return request;
        }

        HttpResponseMessage response;
        try
        {
            using (var first = Build(basic: true))
            {
                response = await http.SendAsync(first, cancellationToken);
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                response.Dispose();
                using var second = Build(basic: false);
                response = await http.SendAsync(second, cancellationToken);
            }
        }
        catch (HttpRequestException ex)
        {
            throw new BenchmarkException($"MKCALENDAR {url} failed: {ex.Message}", ex);
        }

        using var _ = response;
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        // Xandikos answers 207 with the outcome inside; 403/409 inside means it already existed or was refused.
        if (status is not (201 or 200 or 204) && !(status == 207 && !text.Contains(" 403 ", StringComparison.Ordinal) && !text.Contains(" 409 ", StringComparison.Ordinal)))
        {
            throw new BenchmarkException($"MKCALENDAR {url} answered HTTP {status}; the benchmark needs an empty calendar it can create.");
        }

        return url;
    }
}
