using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Plugin.CalDav.Http;
using ProadSync.Plugin.CalDav.Probe;
using ProadSync.Plugin.CalDav.Targets;

namespace ProadSync.Plugin.CalDav.Tests;

/// <summary>What the benchmark (issue 4) found: requests a run does not need.</summary>
public sealed class RequestCountTests
{
    private static readonly Uri Calendar = new("http://127.0.0.1:1/caldav.php/test/calendar/");

    [Test]
    [Description("Issue 4: a no-change run costs one request per collection")]
    public async Task A_no_change_run_reads_the_shared_calendar_s_ctag_once_with_Basic_sent_at_once()
    {
        var handler = new FakeHandler((request, _) => request.Headers.Authorization is null
            ? Challenge()
            : FakeHandler.Status(HttpStatusCode.MultiStatus, CTagAnswer("ctag-7")));
        await using var target = Target(handler, new ServerCapabilities { AuthScheme = DavAuthScheme.Basic, SyncCollection = true, InvalidTokenReported = false });
        var cursor = new SyncCursor(new DavCursor(DavCursor.KeyOf(Calendar), "ctag-7", "data:,5", 1).ToString());
        var window = new DateRange(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var events = await target.GetChangesAsync(TodoKind.Appointment, cursor, window, CancellationToken.None);
        var tasks = await target.GetChangesAsync(TodoKind.Task, cursor, window, CancellationToken.None);

        Assert.That(events.Items, Is.Empty);
        Assert.That(tasks.Items, Is.Empty);
        Assert.That(handler.Requests.Select(r => r.Method), Is.EqualTo(new[] { "PROPFIND" }), "one ctag read for the calendar both kinds share");
        Assert.That(handler.Requests[0].Authorization, Does.StartWith("Basic "), "the scheme of the cached probe: no 401 first");

        await target.GetChangesAsync(TodoKind.Appointment, cursor, window, CancellationToken.None);
        Assert.That(handler.Requests, Has.Count.EqualTo(2), "a later call of the same target (another run) reads the ctag again");
    }

    [Test]
    [Description("Issue 4: an update of an item ProadSync created needs no GET")]
    public async Task An_update_of_an_own_item_keeps_its_uid_without_reading_it_first()
    {
        var handler = new FakeHandler((request, _) =>
        {
            var answer = FakeHandler.Status(HttpStatusCode.NoContent);
            answer.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"new\"");
            return answer;
        });
        await using var target = Target(handler, new ServerCapabilities { AuthScheme = DavAuthScheme.Basic, SyncCollection = true });
        var item = new ExternalItemRef("/caldav.php/test/calendar/proadsync-db-5.ics", new ItemVersion("\"old\""));
        var content = new CalendarItem
        {
            Kind = TodoKind.Appointment,
            Subject = "changed",
            Start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero),
        };

        var updated = await target.UpdateAsync(TodoKind.Appointment, item, content, CancellationToken.None);

        Assert.That(handler.Requests.Select(r => r.Method), Is.EqualTo(new[] { "PUT" }));
        Assert.That(handler.Requests[0].Body, Does.Contain("UID:proadsync-db-5\r\n"));
        Assert.That(updated.Version.Value, Is.EqualTo("\"new\""));
    }

    [Test]
    [Description("Issue 4: DAViCal answers 500 to parallel first PUTs with a VTIMEZONE it does not know yet")]
    public async Task The_first_write_of_a_time_zone_goes_alone_then_writes_run_in_parallel()
    {
        var inFlight = 0;
        var firstSawOthers = false;
        var maxLater = 0;
        var gate = new GateHandler(async n =>
        {
            Interlocked.Increment(ref inFlight);
            if (n == 1)
            {
                await Task.Delay(200);
                firstSawOthers = Volatile.Read(ref inFlight) > 1;
            }
            else
            {
                await Task.Delay(50);
                InterlockedMax(ref maxLater, Volatile.Read(ref inFlight));
            }

            Interlocked.Decrement(ref inFlight);
        });
        await using var target = Target(gate, new ServerCapabilities { AuthScheme = DavAuthScheme.None, SyncCollection = true });
        var start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(1));
        var item = new CalendarItem { Kind = TodoKind.Appointment, Subject = "s", Start = start, End = start.AddHours(1), TimeZoneId = "Europe/Berlin" };

        var creates = Enumerable.Range(0, 5).Select(i => target.CreateAsync(TodoKind.Appointment, $"proadsync-db-{i}", item, CancellationToken.None)).ToList();
        await Task.WhenAll(creates);

        Assert.That(gate.Count, Is.EqualTo(5), "one PUT each, the ETag came with the answer");
        Assert.That(firstSawOthers, Is.False, "no other write started while the first one of the zone ran");
        Assert.That(maxLater, Is.GreaterThan(1), "later writes still run in parallel");
    }

    [Test]
    [Description("Issue 4: Radicale and Xandikos serialise writes; parallel PUTs only wait for each other there")]
    public async Task Without_an_option_writes_go_one_at_a_time_on_Radicale_and_Xandikos_only()
    {
        var cursor = new SyncCursor(new DavCursor(DavCursor.KeyOf(Calendar), "ctag-7", null, 0).ToString());
        var window = new DateRange(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        async Task<int> ParallelAsync(string profile, IReadOnlyDictionary<string, string>? extra)
        {
            var handler = new FakeHandler((_, _) => FakeHandler.Status(HttpStatusCode.MultiStatus, CTagAnswer("ctag-7")));
            await using var target = Target(handler, new ServerCapabilities { Profile = profile, DetectedProfile = profile, AuthScheme = DavAuthScheme.None }, extra);
            await target.GetChangesAsync(TodoKind.Appointment, cursor, window, CancellationToken.None);
            return target.Capabilities.MaxParallelWrites;
        }

        Assert.That(await ParallelAsync(ServerProfiles.Xandikos, null), Is.EqualTo(1));
        Assert.That(await ParallelAsync(ServerProfiles.Radicale, null), Is.EqualTo(1));
        Assert.That(await ParallelAsync(ServerProfiles.DaviCal, null), Is.EqualTo(4));
        Assert.That(await ParallelAsync(ServerProfiles.Xandikos, new Dictionary<string, string> { ["maxParallelWrites"] = "3" }), Is.EqualTo(3), "an explicit option wins");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    [Test]
    [Description("Issue 4: a no-change run of an account that exports contacts costs one request for the address book")]
    public async Task The_address_book_version_is_one_PROPFIND_and_the_learned_scheme_is_kept_for_the_next_run()
    {
        var book = new Uri("http://127.0.0.1:1/caldav.php/test/addresses/");
        var handler = new FakeHandler((request, _) => request.Headers.Authorization is null
            ? Challenge()
            : FakeHandler.Status(HttpStatusCode.MultiStatus, CTagAnswer("book-3", book)));
        var state = new MemoryState();

        string? first, second;
        await using (var contacts = Contacts(handler, book, state))
        {
            first = await contacts.GetVersionAsync(CancellationToken.None);
        }

        var requestsOfTheFirstRun = handler.Requests.Count;
        await using (var contacts = Contacts(handler, book, state))
        {
            second = await contacts.GetVersionAsync(CancellationToken.None);
        }

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo("ctag:book-3"));
            Assert.That(second, Is.EqualTo(first));
            Assert.That(requestsOfTheFirstRun, Is.EqualTo(2), "the first run learns Basic from a 401");
            Assert.That(handler.Requests.Skip(requestsOfTheFirstRun).Select(r => (r.Method, r.Authorization?.Split(' ')[0])), Is.EqualTo(new[] { ("PROPFIND", (string?)"Basic") }), "the next run sends the learned scheme at once");
        });
    }

    private static IContactTarget Contacts(HttpMessageHandler handler, Uri book, ITargetStateStore state) =>
        new CardDavContactTarget(Account(handler, book, new Dictionary<string, string> { ["addressBookUrl"] = book.AbsoluteUri }, state));

    internal static CalDavCalendarTarget Target(HttpMessageHandler handler, ServerCapabilities probe, IReadOnlyDictionary<string, string>? extra = null)
    {
        var state = new MemoryState();
        state.Values[DavAccount.ProbeKey] = CapabilityProbe.Serialize(probe);
        var options = new Dictionary<string, string>(extra ?? new Dictionary<string, string>()) { ["calendarUrl"] = Calendar.AbsoluteUri, ["taskUrl"] = Calendar.AbsoluteUri };
        return new CalDavCalendarTarget(Account(handler, Calendar, options, state));
    }

    /// <summary>An account of user "test" on <paramref name="url"/>, talking through <paramref name="handler"/>.</summary>
    private static DavAccount Account(HttpMessageHandler handler, Uri url, Dictionary<string, string> options, ITargetStateStore state)
    {
        var settings = CalDavSettings.From(new TargetSettings { Url = url.AbsoluteUri, UserName = "test", Password = "pw", Options = options, State = state });
        return new DavAccount(settings, TimeProvider.System, NullLogger.Instance, new HttpClient(handler));
    }

    private static HttpResponseMessage Challenge()
    {
        var r = FakeHandler.Status(HttpStatusCode.Unauthorized);
        r.Headers.TryAddWithoutValidation("WWW-Authenticate", "Basic realm=\"DAViCal\"");
        return r;
    }

    private static string CTagAnswer(string ctag, Uri? collection = null) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <D:multistatus xmlns:D="DAV:" xmlns:CS="http://calendarserver.org/ns/"><D:response><D:href>{(collection ?? Calendar).AbsolutePath}</D:href>
        <D:propstat><D:prop><CS:getctag>{ctag}</CS:getctag><D:sync-token>data:,5</D:sync-token></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
        </D:response></D:multistatus>
        """;

    private sealed class MemoryState : ITargetStateStore
    {
        public Dictionary<string, string?> Values { get; } = [];

        public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult(Values.GetValueOrDefault(key));

        public ValueTask SetAsync(string key, string? value, CancellationToken cancellationToken)
        {
            Values[key] = value;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Answers every request 201 with an ETag after running a callback with the request's number.</summary>
    private sealed class GateHandler(Func<int, Task> during) : HttpMessageHandler
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var n = Interlocked.Increment(ref _count);
            await during(n);
            var answer = FakeHandler.Status(HttpStatusCode.Created);
            answer.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue($"\"e{n}\"");
            return answer;
        }
    }
}
