using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using ProadSync.FaultProxy;
using ProadSync.Reliability.Tests.Support;

namespace ProadSync.Reliability.Tests.Proxy;

/// <summary>The fault proxy: each fault does what it says and is counted; the schedule is reproducible; it forwards only to 127.0.0.1.</summary>
[TestFixture]
public sealed class FaultProxyTests
{
    private const string Body = "<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>/a.ics</D:href></D:response><D:sync-token>http://x/sync/42</D:sync-token></D:multistatus>";

    private ScriptedServer _upstream = null!;
    private HttpClient _client = null!;

    [SetUp]
    public async Task SetUp()
    {
        _upstream = await ScriptedServer.StartAsync(async (context, body) =>
        {
            if (context.Request.Path == "/redirect")
            {
                context.Response.StatusCode = 301;
                context.Response.Headers.Location = new Uri(_upstream.BaseUrl, "/target").ToString();
                return;
            }

            context.Response.StatusCode = context.Request.Method == "PUT" ? 201 : 207;
            context.Response.Headers.ETag = "\"e1\"";
            context.Response.ContentType = "application/xml";
            await context.Response.WriteAsync(context.Request.Method == "REPORT" ? "echo:" + body : Body);
        });
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    }

    [TearDown]
    public async Task TearDown()
    {
        _client.Dispose();
        await _upstream.DisposeAsync();
    }

    private Task<FaultProxyServer> ProxyAsync(params FaultKind[] kinds) =>
        FaultProxyServer.StartAsync(new FaultProxyOptions { Upstream = _upstream.BaseUrl, FaultRate = kinds.Length == 0 ? 0 : 1, Kinds = kinds, MaxDelay = TimeSpan.FromMilliseconds(20), RetryAfter = TimeSpan.FromSeconds(3) }, CancellationToken.None);

    private static HttpRequestMessage Request(string method, Uri url, string? body = null) =>
        new(new HttpMethod(method), url) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/xml") };

    [Test]
    public async Task Without_faults_it_forwards_method_path_headers_and_body()
    {
        await using var proxy = await ProxyAsync();
        using var response = await _client.SendAsync(Request("PROPFIND", new Uri(proxy.BaseUrl, "/cal/x%40y/"), "<propfind/>"));
        Assert.Multiple(async () =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(207));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"e1\""));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(Body));
            Assert.That(_upstream.Requests.Single(), Is.EqualTo(("PROPFIND", "/cal/x@y/", "<propfind/>")));
            Assert.That(proxy.Counters.Total, Is.Zero);
        });
    }

    [Test]
    public async Task Absolute_redirects_of_the_upstream_are_rewritten_to_the_proxy()
    {
        await using var proxy = await ProxyAsync();
        using var response = await _client.GetAsync(new Uri(proxy.BaseUrl, "/redirect"));
        Assert.That(response.Headers.Location, Is.EqualTo(new Uri(proxy.BaseUrl, "/target")));
    }

    [TestCase(FaultKind.Status500, 500)]
    [TestCase(FaultKind.Status502, 502)]
    [TestCase(FaultKind.Status503, 503)]
    [TestCase(FaultKind.Status507, 507)]
    [TestCase(FaultKind.TooManyRequests, 429)]
    public async Task Server_errors_are_answered_without_reaching_the_server(FaultKind kind, int status)
    {
        await using var proxy = await ProxyAsync(kind);
        using var response = await _client.SendAsync(Request("PUT", new Uri(proxy.BaseUrl, "/cal/a.ics"), "BEGIN:VCALENDAR"));
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status));
            Assert.That(_upstream.Requests, Is.Empty, "the write never reached the server");
            Assert.That(proxy.Counters.Of(kind), Is.EqualTo(1));
            if (status is 429 or 503)
            {
                Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(3)));
            }
        });
    }

    [Test]
    public async Task Precondition_failed_is_injected_on_writes_only()
    {
        await using var proxy = await ProxyAsync(FaultKind.PreconditionFailed);
        using var read = await _client.GetAsync(new Uri(proxy.BaseUrl, "/cal/a.ics"));
        using var write = await _client.SendAsync(Request("DELETE", new Uri(proxy.BaseUrl, "/cal/a.ics")));
        Assert.Multiple(() =>
        {
            Assert.That((int)read.StatusCode, Is.EqualTo(207), "a read gets no 412");
            Assert.That((int)write.StatusCode, Is.EqualTo(412));
            Assert.That(proxy.Counters.Of(FaultKind.PreconditionFailed), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_dropped_connection_before_forwarding_never_reaches_the_server()
    {
        await using var proxy = await ProxyAsync(FaultKind.DropBeforeForward);
        Assert.That(async () => await _client.SendAsync(Request("PUT", new Uri(proxy.BaseUrl, "/cal/a.ics"), "x")), Throws.InstanceOf<HttpRequestException>());
        Assert.That(_upstream.Requests, Is.Empty);
        Assert.That(proxy.Counters.Of(FaultKind.DropBeforeForward), Is.EqualTo(1));
    }

    [Test]
    public async Task A_lost_response_reaches_the_server_but_not_the_client()
    {
        await using var proxy = await ProxyAsync(FaultKind.DropAfterForward);
        Assert.That(async () => await _client.SendAsync(Request("PUT", new Uri(proxy.BaseUrl, "/cal/a.ics"), "x")), Throws.InstanceOf<HttpRequestException>());
        Assert.That(_upstream.Requests, Has.Count.EqualTo(1), "the server did the write");
        Assert.That(proxy.Counters.Of(FaultKind.DropAfterForward), Is.EqualTo(1));
    }

    [Test]
    public async Task A_reset_mid_body_fails_while_reading_the_body()
    {
        await using var proxy = await ProxyAsync(FaultKind.ResetMidBody);
        Assert.That(async () =>
        {
            using var response = await _client.GetAsync(new Uri(proxy.BaseUrl, "/cal/"));
            await response.Content.ReadAsByteArrayAsync();
        }, Throws.InstanceOf<HttpRequestException>().Or.InstanceOf<IOException>());
        Assert.That(proxy.Counters.Of(FaultKind.ResetMidBody), Is.EqualTo(1));
    }

    [Test]
    public async Task A_truncated_body_arrives_as_a_valid_response_with_half_the_document()
    {
        await using var proxy = await ProxyAsync(FaultKind.TruncateBody);
        using var response = await _client.GetAsync(new Uri(proxy.BaseUrl, "/cal/"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(207));
            Assert.That(text, Is.EqualTo(Body[..(Body.Length / 2)]));
            Assert.That(proxy.Counters.Of(FaultKind.TruncateBody), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task The_sync_token_of_a_sync_collection_report_is_made_stale_or_refused()
    {
        const string report = "<D:sync-collection xmlns:D=\"DAV:\"><D:sync-token>http://127.0.0.1/sync/17</D:sync-token><D:sync-level>1</D:sync-level></D:sync-collection>";
        await using (var proxy = await ProxyAsync(FaultKind.StaleSyncToken))
        {
            using var response = await _client.SendAsync(Request("REPORT", new Uri(proxy.BaseUrl, "/cal/"), report));
            var echoed = await response.Content.ReadAsStringAsync();
            Assert.That(echoed, Does.Contain("<D:sync-token>http://127.0.0.1/sync/stale-0000000000</D:sync-token>"));
            Assert.That(proxy.Counters.Of(FaultKind.StaleSyncToken), Is.EqualTo(1));
        }

        await using (var proxy = await ProxyAsync(FaultKind.InvalidSyncToken))
        {
            using var response = await _client.SendAsync(Request("REPORT", new Uri(proxy.BaseUrl, "/cal/"), report));
            Assert.That((int)response.StatusCode, Is.EqualTo(403));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("valid-sync-token"));

            using var initial = await _client.SendAsync(Request("REPORT", new Uri(proxy.BaseUrl, "/cal/"), report.Replace("http://127.0.0.1/sync/17", "", StringComparison.Ordinal)));
            Assert.That((int)initial.StatusCode, Is.EqualTo(207), "a report without a token is never given a token fault");
        }
    }

    [Test]
    public async Task The_schedule_is_reproducible_from_its_seed()
    {
        static List<FaultKind?> Draw(int seed)
        {
            var schedule = new FaultSchedule(new FaultProxyOptions { Upstream = new Uri("http://127.0.0.1:1/"), Seed = seed, FaultRate = 0.3 });
            return Enumerable.Range(0, 200).Select(i => schedule.Next(i % 3 == 0 ? "PUT" : "GET", isSyncReportWithToken: false)).ToList();
        }

        var first = Draw(7);
        var again = Draw(7);
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(Draw(7), Is.Not.EqualTo(Draw(8)));
            Assert.That(Draw(7).Count(f => f is not null), Is.InRange(30, 90), "about 30 % of 200");
        });
        await Task.CompletedTask;
    }

    [TestCase("http://10.0.0.1:80/")]
    [TestCase("http://localhost:5232/")]
    [TestCase("https://127.0.0.1:5232/")]
    [TestCase("http://192.168.1.1/")]
    public void Any_upstream_but_127_0_0_1_is_refused(string url)
    {
        Assert.That(() => FaultProxyServer.StartAsync(new FaultProxyOptions { Upstream = new Uri(url) }, CancellationToken.None), Throws.ArgumentException);
    }

    [Test]
    public async Task A_delay_still_forwards()
    {
        await using var proxy = await ProxyAsync(FaultKind.Delay);
        using var response = await _client.GetAsync(new Uri(proxy.BaseUrl, "/cal/"));
        Assert.That(response.StatusCode, Is.EqualTo((HttpStatusCode)207));
        Assert.That(proxy.Counters.Of(FaultKind.Delay), Is.EqualTo(1));
    }
}
