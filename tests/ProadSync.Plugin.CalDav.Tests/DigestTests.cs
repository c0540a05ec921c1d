using System.Net;
using ProadSync.Plugin.CalDav.Http;

namespace ProadSync.Plugin.CalDav.Tests;

public sealed class DigestTests
{
    [Test]
    public void Response_matches_the_RFC_2617_example()
    {
        var challenge = DigestChallenge.Parse("realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")!;

        var header = DigestAuthenticator.Compute(challenge, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1, "0a4f113b");

        Assert.That(header, Does.StartWith("Digest "));
        Assert.That(header, Does.Contain("response=\"6629fae49393a05397450978507c4ef1\""));
        Assert.That(header, Does.Contain("qop=auth, nc=00000001, cnonce=\"0a4f113b\""));
        Assert.That(header, Does.Contain("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));
        Assert.That(header, Does.Not.Contain("Circle Of Life"));
    }

    [Test]
    public void Challenge_parameters_with_quoted_commas_parse()
    {
        var challenge = DigestChallenge.Parse("realm=\"a, b\",qop=\"auth\",nonce=\"6b09e031b4edb\",opaque=\"df58\",stale=TRUE,algorithm=MD5")!;

        Assert.That(challenge.Realm, Is.EqualTo("a, b"));
        Assert.That(challenge.Nonce, Is.EqualTo("6b09e031b4edb"));
        Assert.That(challenge.Qop, Is.EqualTo(new[] { "auth" }));
        Assert.That(challenge.Stale, Is.True);
        Assert.That(DigestChallenge.Parse("qop=\"auth\""), Is.Null, "no realm and nonce: not a usable challenge");
    }

    [Test]
    public void Nonce_count_increases_per_request_with_a_cached_challenge()
    {
        var auth = new DigestAuthenticator("test", "pw", () => "c0ffee");
        Assert.That(auth.CreateHeader("PUT", "/a.ics"), Is.Null, "no header before a challenge");
        auth.Accept(DigestChallenge.Parse("realm=\"BaikalDAV\",qop=\"auth\",nonce=\"n1\"")!);

        var first = auth.CreateHeader("PUT", "/a.ics");
        var second = auth.CreateHeader("PUT", "/a.ics");

        Assert.That(first, Does.Contain("nc=00000001"));
        Assert.That(second, Does.Contain("nc=00000002"));
        auth.Accept(DigestChallenge.Parse("realm=\"BaikalDAV\",qop=\"auth\",nonce=\"n2\"")!);
        Assert.That(auth.CreateHeader("GET", "/"), Does.Contain("nc=00000001").And.Contain("nonce=\"n2\""), "a new nonce restarts the count");
    }

    [Test]
    public async Task Digest_server_is_challenged_once_then_every_request_goes_through_at_the_first_try()
    {
        var handler = new FakeHandler((request, n) =>
        {
            if (request.Headers.Authorization is null && !request.Headers.Contains("Authorization"))
            {
                var r = FakeHandler.Status(HttpStatusCode.Unauthorized);
                r.Headers.TryAddWithoutValidation("WWW-Authenticate", "Digest realm=\"BaikalDAV\",qop=\"auth\",nonce=\"abc\",opaque=\"o\"");
                return r;
            }

            return FakeHandler.Status(HttpStatusCode.MultiStatus, "<d:multistatus xmlns:d=\"DAV:\"/>");
        });
        using var client = new DavClient(new HttpClient(handler), new DavClientOptions { UserName = "test", Password = "pw" }, disposeHttp: true);

        await client.SendAsync("PROPFIND", new Uri("http://127.0.0.1:1/dav.php/"), null, null, null, CancellationToken.None);
        await client.SendAsync("PROPFIND", new Uri("http://127.0.0.1:1/dav.php/x/"), null, null, null, CancellationToken.None);
        var put = await client.SendAsync("PUT", new Uri("http://127.0.0.1:1/dav.php/x/a.ics"), "BEGIN:VCALENDAR", "text/calendar", null, CancellationToken.None);

        Assert.That(handler.Requests.Select(r => r.Authorization is null), Is.EqualTo(new[] { true, false, false, false }),
            "one challenge, then each request once (.NET's own Digest sends every request twice)");
        Assert.That(handler.Requests[3].Authorization, Does.Contain("nc=00000003").And.Contain("uri=\"/dav.php/x/a.ics\""));
        Assert.That(handler.Requests[3].Body, Is.EqualTo("BEGIN:VCALENDAR"));
        Assert.That(put.StatusCode, Is.EqualTo(207));
        Assert.That(client.Scheme, Is.EqualTo(DavAuthScheme.Digest));
    }

    [Test]
    [Category("R-ACC-3")]
    public async Task Refused_basic_credentials_are_not_sent_again_and_are_reported()
    {
        var handler = new FakeHandler((_, _) =>
        {
            var r = FakeHandler.Status(HttpStatusCode.Unauthorized);
            r.Headers.TryAddWithoutValidation("WWW-Authenticate", "Basic realm=\"Radicale\"");
            return r;
        });
        using var client = new DavClient(new HttpClient(handler), new DavClientOptions { UserName = "test", Password = "wrong" }, disposeHttp: true);

        var first = await client.SendAsync("PROPFIND", new Uri("http://127.0.0.1:1/"), null, null, null, CancellationToken.None);
        var second = await client.SendAsync("PROPFIND", new Uri("http://127.0.0.1:1/"), null, null, null, CancellationToken.None);

        Assert.That(first.StatusCode, Is.EqualTo(401));
        Assert.That(second.StatusCode, Is.EqualTo(401));
        Assert.That(handler.Requests, Has.Count.EqualTo(3), "unauthenticated, Basic, then Basic once more for the second call");
        Assert.That(client.CredentialsRefused, Is.True);
    }
}
