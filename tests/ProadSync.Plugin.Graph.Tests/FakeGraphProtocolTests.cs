using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ProadSync.FakeGraph;

namespace ProadSync.Plugin.Graph.Tests;

/// <summary>The fake's protocol, checked with a plain HTTP client (independent of the SDK the plugin uses).</summary>
public sealed class FakeGraphProtocolTests
{
    private FakeGraphServer _server = null!;
    private HttpClient _http = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _server = await FakeGraphServer.StartAsync();
        _http = new HttpClient { BaseAddress = _server.BaseAddress };
    }

    [TearDown]
    public async Task StopAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public async Task Without_a_bearer_token_Graph_answers_401_in_its_error_shape()
    {
        using var response = await _http.GetAsync(new Uri("v1.0/users/anna@contoso.example/events", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.That(error["code"]!.GetValue<string>(), Is.EqualTo("InvalidAuthenticationToken"));
        Assert.That(error["innerError"]!["request-id"], Is.Not.Null);
    }

    [Test]
    public async Task The_token_endpoint_checks_the_client_secret()
    {
        using var bad = await _http.PostAsync(new Uri("contoso-tenant/oauth2/v2.0/token", UriKind.Relative), Form("nope"));
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), Is.EqualTo("invalid_client"));

        var token = await TokenAsync();
        Assert.That(token, Is.Not.Empty);
    }

    [Test]
    public async Task A_repeated_transaction_id_returns_the_first_event_and_a_stale_If_Match_gets_412()
    {
        await AuthoriseAsync();
        var body = """{"subject":"x","transactionId":"t-1","start":{"dateTime":"2026-12-01T10:00:00","timeZone":"UTC"},"end":{"dateTime":"2026-12-01T11:00:00","timeZone":"UTC"}}""";
        var first = await SendAsync(HttpMethod.Post, "v1.0/users/anna@contoso.example/events", body);
        var second = await SendAsync(HttpMethod.Post, "v1.0/users/anna@contoso.example/events", body);
        Assert.That(second["id"]!.GetValue<string>(), Is.EqualTo(first["id"]!.GetValue<string>()));

        var id = first["id"]!.GetValue<string>();
        var etag = first["@odata.etag"]!.GetValue<string>();
        var patched = await SendAsync(HttpMethod.Patch, $"v1.0/users/anna@contoso.example/events/{id}", """{"subject":"y"}""", etag);
        Assert.That(patched["@odata.etag"]!.GetValue<string>(), Is.Not.EqualTo(etag), "every write changes the etag");
        Assert.That(patched["changeKey"]!.GetValue<string>(), Is.Not.EqualTo(first["changeKey"]!.GetValue<string>()));

        using var stale = new HttpRequestMessage(HttpMethod.Delete, $"v1.0/users/anna@contoso.example/events/{id}");
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await _http.SendAsync(stale);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
    }

    [Test]
    public async Task Delta_pages_with_maxpagesize_and_an_unknown_token_is_410_syncStateNotFound()
    {
        await AuthoriseAsync();
        for (var i = 0; i < 3; i++)
        {
            _server.State.Create("anna@contoso.example", FakeCollection.Contacts, new JsonObject { ["givenName"] = $"c{i}" });
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "v1.0/users/anna@contoso.example/contacts/delta");
        request.Headers.TryAddWithoutValidation("Prefer", "odata.maxpagesize=2");
        using var page1 = await _http.SendAsync(request);
        var json1 = JsonNode.Parse(await page1.Content.ReadAsStringAsync())!;
        Assert.That(json1["value"]!.AsArray(), Has.Count.EqualTo(2));
        var next = json1["@odata.nextLink"]!.GetValue<string>();

        var json2 = JsonNode.Parse(await _http.GetStringAsync(new Uri(next)))!;
        Assert.That(json2["value"]!.AsArray(), Has.Count.EqualTo(1));
        Assert.That(json2["@odata.deltaLink"], Is.Not.Null);

        using var gone = await _http.GetAsync(new Uri("v1.0/users/anna@contoso.example/contacts/delta?$deltatoken=unknown", UriKind.Relative));
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That(JsonNode.Parse(await gone.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>(), Is.EqualTo("syncStateNotFound"));
    }

    [Test]
    public async Task Calendar_view_delta_needs_a_window_and_refuses_select()
    {
        await AuthoriseAsync();
        using var noWindow = await _http.GetAsync(new Uri("v1.0/users/anna@contoso.example/calendarView/delta", UriKind.Relative));
        using var select = await _http.GetAsync(new Uri("v1.0/users/anna@contoso.example/calendarView/delta?startDateTime=2026-01-01T00:00:00Z&endDateTime=2027-01-01T00:00:00Z&$select=subject", UriKind.Relative));

        Assert.That(noWindow.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(select.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task The_fake_runs_as_its_own_process_on_the_port_given_with_urls()
    {
        var port = FreePort();
        var dll = typeof(FakeGraphServer).Assembly.Location;
        using var process = Process.Start(new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            HttpResponseMessage? response = null;
            for (var attempt = 0; attempt < 100 && response is null; attempt++)
            {
                try
                {
                    response = await http.PostAsync(new Uri("contoso-tenant/oauth2/v2.0/token", UriKind.Relative), Form("s3cret"));
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            Assert.That(response, Is.Not.Null, "the process did not start listening");
            Assert.That(response!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            response.Dispose();
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static FormUrlEncodedContent Form(string secret) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = "proadsync-app",
        ["client_secret"] = secret,
        ["scope"] = "https://graph.microsoft.com/.default",
    });

    private async Task<string> TokenAsync()
    {
        using var response = await _http.PostAsync(new Uri("contoso-tenant/oauth2/v2.0/token", UriKind.Relative), Form("s3cret"));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
    }

    private async Task AuthoriseAsync() => _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, string body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await _http.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
