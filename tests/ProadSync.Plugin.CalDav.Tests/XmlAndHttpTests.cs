using System.Net;
using ProadSync.Abstractions.Errors;
using ProadSync.Plugin.CalDav.Dav;
using ProadSync.Plugin.CalDav.Http;
using ProadSync.Plugin.CalDav.Xml;

namespace ProadSync.Plugin.CalDav.Tests;

public sealed class XmlAndHttpTests
{
    [Test]
    public void A_document_with_a_DTD_is_refused()
    {
        const string evil = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d:multistatus xmlns:d=\"DAV:\">&x;</d:multistatus>";

        var ex = Assert.Throws<DavProtocolException>(() => DavXml.Parse(evil, 100_000, "The answer"));
        Assert.That(ex!.Message, Does.StartWith("The answer is not valid XML"));
    }

    [Test]
    public void A_document_over_the_character_cap_is_refused()
    {
        var big = "<d:multistatus xmlns:d=\"DAV:\">" + string.Concat(Enumerable.Repeat("<d:response><d:href>/a</d:href></d:response>", 1000)) + "</d:multistatus>";

        Assert.Throws<DavProtocolException>(() => DavXml.Parse(big, 1000, "The answer"));
        Assert.That(DavXml.Parse(big, big.Length + 10, "The answer").Root!.Elements().Count(), Is.EqualTo(1000));
    }

    [Test]
    public void A_response_over_the_size_cap_is_refused_before_it_is_read_whole()
    {
        var handler = new FakeHandler((_, _) => FakeHandler.Status(HttpStatusCode.OK, new string('x', 200_000), "text/calendar"));
        using var client = new DavClient(new HttpClient(handler), new DavClientOptions { MaxResponseBytes = 100_000 }, disposeHttp: true);

        var ex = Assert.ThrowsAsync<DavProtocolException>(() => client.SendAsync("GET", new Uri("http://127.0.0.1:1/a.ics"), null, null, null, CancellationToken.None));
        Assert.That(ex!.Message, Does.Contain("maxResponseBytes"));
    }

    private static HttpResponseMessage Coded(string coding, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        content.Headers.ContentEncoding.Add(coding);
        return new HttpResponseMessage(HttpStatusCode.MultiStatus) { Content = content };
    }

    private static byte[] Compress(string text, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    [TestCase("gzip")]
    [TestCase("deflate")]
    [TestCase("deflate-raw")]
    public async Task Compressed_answers_are_decompressed_and_gzip_deflate_is_asked_for(string coding)
    {
        const string xml = "<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\">M\u00fcller</D:multistatus>";
        var body = coding switch
        {
            "gzip" => Compress(xml, s => new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionLevel.Fastest)),
            "deflate" => Compress(xml, s => new System.IO.Compression.ZLibStream(s, System.IO.Compression.CompressionLevel.Fastest)),
            _ => Compress(xml, s => new System.IO.Compression.DeflateStream(s, System.IO.Compression.CompressionLevel.Fastest)),
        };
        string? accepted = null;
        var handler = new FakeHandler((request, _) =>
        {
            accepted = string.Join(", ", request.Headers.AcceptEncoding);
            return Coded(coding == "deflate-raw" ? "deflate" : coding, body);
        });
        using var client = new DavClient(new HttpClient(handler), new DavClientOptions(), disposeHttp: true);

        var response = await client.SendAsync("PROPFIND", new Uri("http://127.0.0.1:1/cal/"), null, null, null, CancellationToken.None);

        Assert.That(response.Body, Is.EqualTo(xml));
        Assert.That(accepted, Is.EqualTo("gzip, deflate"));
    }

    [Test]
    public void A_body_marked_as_gzip_that_is_not_gzip_is_a_transient_failure_in_one_sentence_naming_the_server()
    {
        var handler = new FakeHandler((_, _) => Coded("gzip", [0x1F, 0x8B, .. "this is not gzip"u8.ToArray()]));
        using var client = new DavClient(new HttpClient(handler), new DavClientOptions(), disposeHttp: true);

        var ex = Assert.ThrowsAsync<TransientTargetException>(() => client.SendAsync("PROPFIND", new Uri("http://127.0.0.1:1/cal/"), null, null, null, CancellationToken.None));

        Assert.That(ex!.Message, Is.EqualTo("The server at http://127.0.0.1:1/cal/ sent a body marked as gzip that could not be decompressed."));
    }

    [Test]
    public void A_gzip_bomb_beyond_the_size_cap_is_refused()
    {
        var bomb = Compress(new string(' ', 1_000_000), s => new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionLevel.Optimal));
        var handler = new FakeHandler((_, _) => Coded("gzip", bomb));
        using var client = new DavClient(new HttpClient(handler), new DavClientOptions { MaxResponseBytes = 100_000 }, disposeHttp: true);

        var ex = Assert.ThrowsAsync<DavProtocolException>(() => client.SendAsync("PROPFIND", new Uri("http://127.0.0.1:1/cal/"), null, null, null, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("once decompressed"));
    }

    [Test]
    public void A_connection_that_breaks_mid_body_is_a_transient_failure()
    {
        var handler = new FakeHandler((_, _) => new HttpResponseMessage(HttpStatusCode.MultiStatus) { Content = new StreamContent(new BreakingStream()) });
        using var client = new DavClient(new HttpClient(handler), new DavClientOptions(), disposeHttp: true);

        var ex = Assert.ThrowsAsync<TransientTargetException>(() => client.SendAsync("REPORT", new Uri("http://127.0.0.1:1/cal/"), null, null, null, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("http://127.0.0.1:1").And.Contain("REPORT"));
    }

    private sealed class BreakingStream : MemoryStream
    {
        public BreakingStream()
            : base("<?xml"u8.ToArray())
        {
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position > 0 ? throw new IOException("reset by peer") : base.ReadAsync(buffer, cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) =>
            Position > 0 ? throw new IOException("reset by peer") : base.Read(buffer, offset, count);
    }

    [Test]
    public void An_unreachable_server_is_a_transient_failure()
    {
        var handler = new FakeHandler((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        using var client = new DavClient(new HttpClient(handler), new DavClientOptions(), disposeHttp: true);

        Assert.ThrowsAsync<TransientTargetException>(() => client.SendAsync("GET", new Uri("http://127.0.0.1:1/"), null, null, null, CancellationToken.None));
    }

    [Test]
    public async Task Repeated_DAV_headers_are_merged()
    {
        var handler = new FakeHandler((_, _) =>
        {
            var r = FakeHandler.Status(HttpStatusCode.OK);
            r.Headers.TryAddWithoutValidation("DAV", "1, 2, 3, access-control, calendar-access, calendar-schedule");
            r.Headers.TryAddWithoutValidation("DAV", "extended-mkcol, bind, addressbook, calendar-auto-schedule, calendar-proxy");
            return r;
        });
        using var client = new DavClient(new HttpClient(handler), new DavClientOptions(), disposeHttp: true);

        var response = await client.SendAsync("OPTIONS", new Uri("http://127.0.0.1:1/caldav.php/"), null, null, null, CancellationToken.None);

        Assert.That(response.DavClasses, Does.Contain("calendar-access").And.Contain("addressbook").And.Contain("extended-mkcol"));
    }

    [Test]
    public void A_write_answered_207_with_an_inner_412_is_a_412()
    {
        const string body = "<ns0:multistatus xmlns:ns0=\"DAV:\"><ns0:response><ns0:href>/user/calendars/calendar/a.ics</ns0:href>" +
                            "<ns0:status>HTTP/1.1 412 Precondition Failed</ns0:status></ns0:response></ns0:multistatus>";
        var response = new DavResponse(207, body, new Dictionary<string, string>(), new Uri("http://127.0.0.1:1/user/calendars/calendar/a.ics"));

        Assert.That(DavCollection.EffectiveStatus(response), Is.EqualTo(412));
        Assert.That(DavCollection.EffectiveStatus(response with { Body = "not xml" }), Is.EqualTo(502), "an unreadable 207 is never a success");
        Assert.That(DavCollection.EffectiveStatus(response with { StatusCode = 201, Body = string.Empty }), Is.EqualTo(201));
    }

    [Test]
    public void Multistatus_statuses_props_and_sync_token_are_read()
    {
        const string body = "<d:multistatus xmlns:d=\"DAV:\" xmlns:cs=\"http://calendarserver.org/ns/\">" +
                            "<d:response><d:href>/c/a.ics</d:href><d:propstat><d:prop><d:getetag>\"1\"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>" +
                            "<d:propstat><d:prop><cs:getctag/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat></d:response>" +
                            "<d:response><d:href>/c/b.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>" +
                            "<d:sync-token>data:,42</d:sync-token></d:multistatus>";

        var ms = MultiStatus.From(DavXml.Parse(body, 10_000, "x"));

        Assert.That(ms.SyncToken, Is.EqualTo("data:,42"));
        Assert.That(ms.Responses[0].Text(DavNames.GetETag), Is.EqualTo("\"1\""));
        Assert.That(ms.Responses[0].Text(DavNames.GetCTag), Is.Null, "a property in a 404 propstat is not there");
        Assert.That(ms.Responses[1].Status, Is.EqualTo(404));
        Assert.That(MultiStatus.ParseStatus("HTTP/1.1 507 Insufficient Storage"), Is.EqualTo(507));
    }

    [Test]
    public void Hrefs_compare_percent_decoded_and_ids_are_canonical()
    {
        var baseUri = new Uri("http://127.0.0.1:1/dav.php/calendars/test/default/");

        Assert.That(DavHref.Same(baseUri, "/dav.php/calendars/test/default/a%40b.ics", "/dav.php/calendars/test/default/a@b.ics"), Is.True);
        Assert.That(DavHref.Same(baseUri, "/dav.php/calendars/test/default/", "http://127.0.0.1:1/dav.php/calendars/test/default"), Is.True, "trailing slash optional");
        Assert.That(DavHref.Same(baseUri, "/x/a.ics", "/x/b.ics"), Is.False);
        Assert.That(DavHref.CanonicalId(new Uri(baseUri, "a%40b.ics")), Is.EqualTo(DavHref.CanonicalId(new Uri(baseUri, "a%40b.ics".ToLowerInvariant()))));
        Assert.That(DavHref.CanonicalId(new Uri(baseUri, "a@b.ics")), Is.EqualTo("/dav.php/calendars/test/default/a%40b.ics"));
        Assert.That(DavHref.Child(baseUri, "it/x y@z.ics").AbsolutePath, Is.EqualTo("/dav.php/calendars/test/default/it%2Fx%20y%40z.ics"));
    }

    [Test]
    public void Weak_etags_are_sent_strong()
    {
        Assert.That(DavETag.Normalize("W/\"abc\""), Is.EqualTo("\"abc\""));
        Assert.That(DavETag.Normalize("abc"), Is.EqualTo("\"abc\""));
        Assert.That(DavETag.Normalize(" \"abc\" "), Is.EqualTo("\"abc\""));
    }
}
