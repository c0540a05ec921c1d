using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ProadSync.Abstractions.Models;
using ProadSync.Plugin.CalDav.Dav;
using ProadSync.Plugin.CalDav.Http;
using ProadSync.Plugin.CalDav.Probe;

namespace ProadSync.Plugin.CalDav.Tests;

/// <summary>How answers that are not plain UTF-8 are read: nothing turns into replacement characters silently.</summary>
public sealed class BodyEncodingTests
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
    private static readonly Uri Calendar = new("http://127.0.0.1:1/cal/");

    private static HttpResponseMessage Answer(HttpStatusCode status, byte[] body, string mediaType, string? charset)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = charset };
        var response = new HttpResponseMessage(status) { Content = content };
        response.Headers.ETag = new EntityTagHeaderValue("\"e1\"");
        return response;
    }

    private static async Task<DavResponse> GetAsync(byte[] body, string mediaType, string? charset)
    {
        using var client = new DavClient(new HttpClient(new FakeHandler((_, _) => Answer(HttpStatusCode.OK, body, mediaType, charset))), new DavClientOptions(), disposeHttp: true);
        return await client.SendAsync("GET", new Uri(Calendar, "a.ics"), null, null, null, CancellationToken.None);
    }

    [Test]
    public async Task A_body_without_charset_that_is_UTF_8_is_read_as_UTF_8_without_a_flag()
    {
        var response = await GetAsync(Encoding.UTF8.GetBytes("SUMMARY:M\u00fcller \u20ac"), "text/calendar", null);

        Assert.That(response.Body, Is.EqualTo("SUMMARY:M\u00fcller \u20ac"));
        Assert.That(response.ReadAsWindows1252, Is.False);
    }

    [Test]
    public async Task A_body_without_charset_that_is_not_UTF_8_is_read_as_Windows_1252_and_flagged()
    {
        var response = await GetAsync(Windows1252.GetBytes("SUMMARY:M\u00fcller Stra\u00dfe \u20ac 5"), "text/calendar", null);

        Assert.That(response.Body, Is.EqualTo("SUMMARY:M\u00fcller Stra\u00dfe \u20ac 5"), "no replacement characters");
        Assert.That(response.ReadAsWindows1252, Is.True);
    }

    [TestCase("iso-8859-1", "M\u00fcller")]
    [TestCase("windows-1252", "M\u00fcller \u20ac")]
    [TestCase("\"ISO-8859-15\"", "M\u00fcller \u20ac")]
    public async Task A_charset_the_server_names_is_used_even_when_it_is_a_code_page(string charset, string text)
    {
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(charset.Trim('"')) ?? Encoding.GetEncoding(charset.Trim('"'));
        var response = await GetAsync(encoding.GetBytes("SUMMARY:" + text), "text/calendar", charset);

        Assert.That(response.Body, Is.EqualTo("SUMMARY:" + text));
        Assert.That(response.ReadAsWindows1252, Is.False, "the server said what it sent");
    }

    [Test]
    public async Task An_XML_body_without_charset_is_read_in_the_encoding_its_declaration_names()
    {
        const string xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><D:multistatus xmlns:D=\"DAV:\">M\u00fcller</D:multistatus>";
        var response = await GetAsync(Encoding.Latin1.GetBytes(xml), "application/xml", null);

        Assert.That(response.Body, Is.EqualTo(xml));
        Assert.That(response.ReadAsWindows1252, Is.False);
    }

    [Test]
    public async Task A_UTF_16_body_without_charset_is_known_by_its_byte_order_mark()
    {
        const string xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><D:multistatus xmlns:D=\"DAV:\">M\u00fcller</D:multistatus>";
        var response = await GetAsync([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(xml)], "application/xml", null);

        Assert.That(response.Body, Is.EqualTo(xml));
        Assert.That(response.ReadAsWindows1252, Is.False);
    }

    [Test]
    public async Task A_multiget_answer_that_is_not_UTF_8_marks_only_the_items_with_other_than_ASCII_text()
    {
        var body = "<?xml version=\"1.0\"?>" +
            "<D:multistatus xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">" +
            Item("/cal/plain.ics", "Plain") +
            Item("/cal/umlaut.ics", "M\u00fcller") +
            "</D:multistatus>";
        var handler = new FakeHandler((_, _) => Answer(HttpStatusCode.MultiStatus, Windows1252.GetBytes(body), "application/xml", null));
        using var client = new DavClient(new HttpClient(handler), new DavClientOptions(), disposeHttp: true);
        var collection = new DavCollection(client, Calendar, DavCollectionKind.Calendar);

        var (found, failed) = await collection.MultiGetAsync([new Uri(Calendar, "plain.ics"), new Uri(Calendar, "umlaut.ics")], CancellationToken.None);

        Assert.That(failed, Is.Null);
        var byName = found.ToDictionary(r => r.Href.Segments[^1]);
        Assert.Multiple(() =>
        {
            Assert.That(byName["umlaut.ics"].Data, Does.Contain("SUMMARY:M\u00fcller"));
            Assert.That(byName["umlaut.ics"].ReadAsWindows1252, Is.True);
            Assert.That(byName["plain.ics"].ReadAsWindows1252, Is.False, "an ASCII object reads the same in any of these encodings");
        });

        static string Item(string href, string summary) =>
            $"<D:response><D:href>{href}</D:href><D:propstat><D:prop><D:getetag>\"1\"</D:getetag>" +
            $"<C:calendar-data>BEGIN:VCALENDAR&#13;\nBEGIN:VEVENT&#13;\nSUMMARY:{summary}&#13;\nEND:VEVENT&#13;\nEND:VCALENDAR&#13;\n</C:calendar-data>" +
            "</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>";
    }
    [Test]
    public async Task An_object_read_as_Windows_1252_arrives_intact_with_a_warning_for_the_run_report()
    {
        var calendar = new Uri("http://127.0.0.1:1/caldav.php/test/calendar/");
        const string ics = "BEGIN:VCALENDAR&#13;\nVERSION:2.0&#13;\nPRODID:-//old//server//DE&#13;\nBEGIN:VEVENT&#13;\nUID:u1&#13;\n" +
            "DTSTAMP:20261201T080000Z&#13;\nDTSTART:20261201T090000Z&#13;\nDTEND:20261201T100000Z&#13;\nSUMMARY:M\u00fcller Stra\u00dfe&#13;\n" +
            "END:VEVENT&#13;\nEND:VCALENDAR&#13;\n";
        var body = "<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">" +
            $"<D:response><D:href>{calendar.AbsolutePath}u1.ics</D:href><D:propstat><D:prop><D:getetag>\"1\"</D:getetag>" +
            $"<C:calendar-data>{ics}</C:calendar-data></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>";
        var handler = new FakeHandler((_, _) => Answer(HttpStatusCode.MultiStatus, Windows1252.GetBytes(body), "application/xml", null));
        await using var target = RequestCountTests.Target(handler, new ServerCapabilities { AuthScheme = DavAuthScheme.Basic, SyncCollection = true });

        var items = await target.GetAsync(TodoKind.Appointment, [calendar.AbsolutePath + "u1.ics"], CancellationToken.None);

        Assert.That(items, Has.Count.EqualTo(1));
        Assert.That(items[0].Content?.Subject, Is.EqualTo("M\u00fcller Stra\u00dfe"));
        Assert.That(items[0].Warning, Is.EqualTo($"The server's object '{calendar.AbsolutePath}u1.ics' is not valid UTF-8 as iCalendar requires; it was read as Windows-1252."));
    }
}
