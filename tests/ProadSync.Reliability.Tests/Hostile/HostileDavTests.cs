using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using ProadSync.Chaos.External;
using ProadSync.Core.Leading;
using ProadSync.Reliability.Tests.Support;

namespace ProadSync.Reliability.Tests.Hostile;

/// <summary>
/// Bad server answers in front of the CalDAV plugin: a scripted server on 127.0.0.1 forwards to a real Radicale and
/// scripts the bad answers. Each gives a clear per-item or per-account error: no crash, no data loss, no hang (every
/// test is bounded by a cancellation token; the plugin's own timeout is set to 2 s where a server stalls).
/// </summary>
[TestFixture]
public sealed class HostileDavTests
{
    private RadicaleServer _radicale = null!;
    private HostileServer _hostile = null!;
    private DavExternalSide _raw = null!;
    private Uri _collection = null!;

    [OneTimeSetUp]
    public async Task StartRadicale() => _radicale = await RadicaleServer.StartAsync();

    [OneTimeTearDown]
    public void StopRadicale() => _radicale.Dispose();

    [SetUp]
    public async Task SetUp()
    {
        var server = _radicale.AsDavServer;
        _collection = await DavExternalSide.MakeCalendarAsync(server.CalendarHome, "hostile-" + Guid.NewGuid().ToString("N")[..12], server.User, server.Password, CancellationToken.None);
        _raw = new DavExternalSide(_collection, _collection, server.User, server.Password);
        _hostile = await HostileServer.StartAsync(_radicale.Root);
    }

    [TearDown]
    public async Task TearDown()
    {
        _raw.Dispose();
        await _hostile.DisposeAsync();
    }

    private Task<HostileHarness> HarnessAsync(SyncMode mode, int timeoutSeconds = 10, int? maxResponseBytes = null)
    {
        var url = _hostile.Through(_collection).ToString();
        var options = new Dictionary<string, string> { ["calendarUrl"] = url, ["taskUrl"] = url, ["timeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (maxResponseBytes is { } max)
        {
            options["maxResponseBytes"] = max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var server = _radicale.AsDavServer;
        return HostileHarness.CreateAsync("caldav", url, mode, options, server.User, server.Password);
    }

    /// <summary>Three items synced cleanly first, so a bad answer afterwards meets linked items with data to lose.</summary>
    private static async Task<List<Todo>> SeedAsync(HostileHarness h, CancellationToken ct)
    {
        var todos = new List<Todo> { await h.AddAsync("One", 2), await h.AddAsync("Two", 3), await h.AddAsync("Three", 4) };
        var first = await h.RunAsync(ct);
        Assert.That(first.Outcome, Is.EqualTo("succeeded"), first.Report?.ToSummary() ?? first.Message);
        return todos;
    }

    private static Func<HostileRequest, HttpContext, Task<bool>> AnswerAll(Func<HostileRequest, bool> when, int status, string contentType, string body, Action<HttpResponse>? headers = null) =>
        async (request, context) =>
        {
            if (!when(request))
            {
                return false;
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            headers?.Invoke(context.Response);
            await context.Response.WriteAsync(body, context.RequestAborted);
            return true;
        };

    private static bool IsListing(HostileRequest r) => r.Method is "PROPFIND" or "REPORT";

    /// <summary>A server-level bad answer: the run fails with one clear sentence, counts as a failed attempt, changes nothing.</summary>
    private static async Task<ProadSync.Hosting.Runs.AccountRunResult> AssertAccountErrorAsync(HostileHarness h, string before, CancellationToken ct, params string[] messageParts)
    {
        var run = await h.RunAsync(ct);
        TestContext.Out.WriteLine(run.Message);
        var account = await h.AccountAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(run.Outcome, Is.EqualTo("failed"));
            Assert.That(run.Message, Is.Not.Null.And.Not.Empty);
            foreach (var part in messageParts)
            {
                Assert.That(run.Message, Does.Contain(part).IgnoreCase);
            }

            Assert.That(account.ConsecutiveFailures, Is.EqualTo(1), "counted as a failed connection attempt (R-ACC-3)");
            Assert.That(await h.LeadingSnapshotAsync(), Is.EqualTo(before), "nothing changed in the leading system");
        });
        return run;
    }

    [Test, Category("R-MODE-2WAY-1")]
    [CancelAfter(60_000)]
    public async Task Malformed_iCalendar_in_one_item_fails_that_item_only(CancellationToken ct)
    {
        await using var h = await HarnessAsync(SyncMode.TwoWay);
        var todos = await SeedAsync(h, ct);
        var objects = await _raw.ListAsync(ct);
        foreach (var o in objects.Where(o => o.Summary is "Two" or "Three"))
        {
            await _raw.EditAsync(o, IcsText.WithSummary(o.Text, o.Summary + " edited"), ct);
        }

        // Every answer that carries item Two's data is broken: an unclosed component in its object.
        _hostile.Rewrite = (_, body) => body.Replace("SUMMARY:Two edited", "SUMMARY:Two edited\nBEGIN:VALARM", StringComparison.Ordinal);
        var before = (await h.Store.GetTodoAsync(todos[1].Id, ct))!;

        var run = await h.RunAsync(ct);

        TestContext.Out.WriteLine(run.Report?.ToSummary());
        Assert.Multiple(async () =>
        {
            Assert.That(_hostile.Answered, Is.GreaterThan(0), "the bad answer was served");
            Assert.That(run.Outcome, Is.EqualTo("partial"));
            Assert.That(run.Report!.Failed.Select(f => f.LeadingId), Is.EqualTo(new long?[] { todos[1].Id }));
            Assert.That(run.Report.Failed[0].Message, Is.Not.Empty);
            Assert.That((await h.Store.GetTodoAsync(todos[1].Id, ct))!.Revision, Is.EqualTo(before.Revision), "the broken item's leading data is untouched");
            Assert.That((await h.Store.GetTodoAsync(todos[2].Id, ct))!.Content.Subject, Is.EqualTo("Three edited"), "the others still sync");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Xml_with_a_DTD_and_an_external_entity_is_refused(CancellationToken ct)
    {
        await using var h = await HarnessAsync(SyncMode.TwoWay);
        await SeedAsync(h, ct);
        var before = await h.LeadingSnapshotAsync();
        var secret = Path.Combine(h.Work, "secret.txt");
        await File.WriteAllTextAsync(secret, "TOP-SECRET-FROM-DISK", ct);
        _hostile.Rewrite = (request, body) => IsListing(request) && body.StartsWith("<?xml", StringComparison.Ordinal)
            ? Regex.Replace(body, @"^<\?xml[^>]*\?>", $"<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY xxe SYSTEM \"file://{secret}\">]>")
                .Replace("</D:href>", "&xxe;</D:href>", StringComparison.Ordinal).Replace("</href>", "&xxe;</href>", StringComparison.Ordinal)
            : body;

        await AssertAccountErrorAsync(h, before, ct);
        Assert.That(await h.LeadingSnapshotAsync(), Does.Not.Contain("TOP-SECRET"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_body_beyond_the_size_cap_is_refused(CancellationToken ct)
    {
        await using var h = await HarnessAsync(SyncMode.TwoWay, maxResponseBytes: 64 * 1024);
        await SeedAsync(h, ct);
        var before = await h.LeadingSnapshotAsync();
        var huge = "<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\">" + string.Concat(Enumerable.Repeat("<D:response><D:href>/x/</D:href></D:response>", 120_000)) + "</D:multistatus>";
        _hostile.Answer = AnswerAll(IsListing, 207, "application/xml; charset=utf-8", huge);

        await AssertAccountErrorAsync(h, before, ct);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Endless_redirects_end_in_an_error(CancellationToken ct)
    {
        await using var h = await HarnessAsync(SyncMode.TwoWay);
        await SeedAsync(h, ct);
        var before = await h.LeadingSnapshotAsync();
        _hostile.Answer = async (request, context) =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = new Uri(_hostile.BaseUrl, request.Path + "?again=" + Guid.NewGuid().ToString("N")).ToString();
            await Task.CompletedTask;
            return true;
        };

        await AssertAccountErrorAsync(h, before, ct);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_wrong_content_type_for_a_listing_is_an_error(CancellationToken ct)
    {
        await using var h = await HarnessAsync(SyncMode.TwoWay);
        await SeedAsync(h, ct);
        var before = await h.LeadingSnapshotAsync();
        _hostile.Answer = AnswerAll(IsListing, 200, "text/html; charset=utf-8", "<html><body><h1>Welcome to the captive portal</h1></body></html>");

        await AssertAccountErrorAsync(h, before, ct);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_server_that_never_answers_times_out(CancellationToken ct)
    {
        await using var h = await HarnessAsync(SyncMode.TwoWay, timeoutSeconds: 2);
        await SeedAsync(h, ct);
        var before = await h.LeadingSnapshotAsync();
        _hostile.Answer = async (request, context) =>
        {
            if (!IsListing(request))
            {
                return false;
            }

            await Task.Delay(Timeout.Infinite, context.RequestAborted);
            return true;
        };

        await AssertAccountErrorAsync(h, before, ct);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_empty_or_truncated_multistatus_never_reads_as_everything_deleted(CancellationToken ct)
    {
        await using var h = await HarnessAsync(SyncMode.TwoWay);
        await SeedAsync(h, ct);
        var before = await h.LeadingSnapshotAsync();
        _hostile.Rewrite = (request, body) => IsListing(request) && body.Length > 100 ? body[..(body.Length / 2)] : body;

        await AssertAccountErrorAsync(h, before, ct);
        Assert.That((await _raw.ListAsync(ct)).Count, Is.EqualTo(3), "nothing was deleted externally either");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_corrupt_compressed_body_is_an_error_not_a_crash(CancellationToken ct)
    {
        await using var h = await HarnessAsync(SyncMode.TwoWay);
        await SeedAsync(h, ct);
        var before = await h.LeadingSnapshotAsync();
        _hostile.Answer = AnswerAll(IsListing, 207, "application/xml; charset=utf-8", "\u001f\u008b this is not gzip", r => r.Headers.ContentEncoding = "gzip");

        var run = await AssertAccountErrorAsync(h, before, ct, $"The server at {_hostile.BaseUrl.GetLeftPart(UriPartial.Authority)}/", "sent a body marked as gzip that could not be decompressed.");
        Assert.That(run.Message, Does.Match(@"^The server at http://127\.0\.0\.1:\d+/\S* sent a body marked as gzip that could not be decompressed\.$"), "one sentence, no stack trace, no exception type");
    }

    [Test, Category("R-MODE-FULL-1")]
    [CancelAfter(60_000)]
    public async Task Items_without_UID_with_duplicate_UIDs_bad_dates_or_zones_are_reported_per_item(CancellationToken ct)
    {
        await using var h = await HarnessAsync(SyncMode.Full);
        var day = TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(6);
        foreach (var name in new[] { "NoUid", "DupA", "DupB", "BadDate", "BadZone", "Latin", "Fine" })
        {
            await _raw.CreateAsync(Abstractions.Models.TodoKind.Appointment, "hostile-" + name, IcsText.Event("hostile-" + name, name, day.AddHours(9), day.AddHours(10)), ct);
        }

        // The server's copies are spoiled on the way out: what a broken or foreign server may store.
        _hostile.Rewrite = (_, body) => body
            .Replace("UID:hostile-NoUid", "X-NO-UID:1", StringComparison.Ordinal)
            .Replace("UID:hostile-DupB", "UID:hostile-DupA", StringComparison.Ordinal)
            .Replace("SUMMARY:BadDate", "SUMMARY:BadDate\nRRULE:FREQ=DAILY;UNTIL=20261345T999999Z\nEXDATE:2026-02-30", StringComparison.Ordinal)
            .Replace("SUMMARY:BadZone", "SUMMARY:BadZone\nDTSTART;TZID=Mars/Olympus_Mons:20270101T090000", StringComparison.Ordinal)
            .Replace("SUMMARY:Latin", "SUMMARY:M\u00c3\u00bcller \uFFFD", StringComparison.Ordinal);

        var first = await h.RunAsync(ct);
        var second = await h.RunAsync(ct);
        TestContext.Out.WriteLine(first.Report?.ToSummary());

        var todos = await h.Store.ListTodosAsync(new TodoQuery { IncludeExternallyDeleted = true }, ct);
        Assert.Multiple(async () =>
        {
            Assert.That(first.Outcome, Is.AnyOf("succeeded", "partial"), first.Message);
            Assert.That(first.Report!.Failed.Select(f => f.Message), Has.All.Not.Empty);
            Assert.That(second.Report!.ImportedIn, Is.Zero, "nothing is imported twice");
            Assert.That(todos.Count(t => t.Content.Subject == "Fine"), Is.EqualTo(1), "the good item is imported once");
            Assert.That(todos.GroupBy(t => t.Content.Subject).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty);
            Assert.That((await _raw.ListAsync(ct)).Count, Is.EqualTo(7), "no external item was deleted or duplicated");
        });
    }
}
