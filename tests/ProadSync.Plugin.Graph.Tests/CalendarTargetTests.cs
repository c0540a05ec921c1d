using System.Text.Json.Nodes;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.FakeGraph;

namespace ProadSync.Plugin.Graph.Tests;

public sealed class CalendarTargetTests
{
    private const string Tag = "String {00020329-0000-0000-C000-000000000046} Name ProadSyncId";
    private const string SourceTag = "String {00020329-0000-0000-C000-000000000046} Name ProadSyncTag";
    private GraphTestContext _ctx = null!;

    [SetUp]
    public async Task SetUpAsync() => _ctx = await GraphTestContext.StartAsync();

    [TearDown]
    public async Task TearDownAsync() => await _ctx.DisposeAsync();

    [Test]
    public async Task Create_writes_the_event_with_our_tag_and_a_transaction_id_and_reads_it_back()
    {
        await using var target = await _ctx.CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:42", Samples.Appointment(), CancellationToken.None);

        Assert.That(created.Adopted, Is.False);
        var stored = _ctx.Fake.List(GraphTestContext.Mailbox, FakeCollection.Events).Single();
        Assert.Multiple(() =>
        {
            Assert.That(stored["id"]!.GetValue<string>(), Is.EqualTo(created.Item.Id));
            Assert.That(stored["transactionId"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
            Assert.That(Property(stored, Tag), Is.EqualTo("db1:42"), "the identity, for adoption");
            Assert.That(Property(stored, SourceTag), Is.EqualTo("proad:appointment"));
            Assert.That(stored["originalStartTimeZone"]!.GetValue<string>(), Is.EqualTo("W. Europe Standard Time"));
        });

        var fetched = (await target.GetAsync(TodoKind.Appointment, [created.Item.Id], CancellationToken.None)).Single();
        var item = fetched.Content!;
        Assert.Multiple(() =>
        {
            Assert.That(fetched.Item, Is.EqualTo(created.Item));
            Assert.That(item.Subject, Is.EqualTo("Kick-off"));
            Assert.That(item.Start, Is.EqualTo(Samples.Appointment().Start));
            Assert.That(item.End, Is.EqualTo(Samples.Appointment().End));
            Assert.That(item.TimeZoneId, Is.EqualTo("Europe/Berlin"));
            Assert.That(item.Location, Is.EqualTo("Room 1"));
            Assert.That(item.Description, Is.EqualTo("Agenda"));
            Assert.That(item.Priority, Is.EqualTo(Priority.High));
            Assert.That(item.ShowAs, Is.EqualTo(ShowAs.Tentative));
            Assert.That(item.SourceTag, Is.EqualTo("proad:appointment"));
            Assert.That(item.Reminder, Is.Null, "reminders are not read back (R-NOTE-3)");
            Assert.That(item.IsPrivate || item.IsRecurring, Is.False);
        });
    }

    [Test]
    public async Task Create_with_a_known_identity_adopts_the_existing_event()
    {
        await using var target = await _ctx.CalendarAsync();
        var first = await target.CreateAsync(TodoKind.Appointment, "db1:7", Samples.Appointment(), CancellationToken.None);
        var second = await target.CreateAsync(TodoKind.Appointment, "db1:7", Samples.Appointment("changed"), CancellationToken.None);

        Assert.That(second.Adopted, Is.True);
        Assert.That(second.Item, Is.EqualTo(first.Item));
        Assert.That(_ctx.Fake.List(GraphTestContext.Mailbox, FakeCollection.Events), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_post_retried_after_a_lost_response_creates_one_event_thanks_to_the_transaction_id()
    {
        // The first POST is stored, but its answer is replaced by a 429: the SDK's retry handler sends it again.
        _ctx.Fake.InjectFault(FakeFault.Throttle(TimeSpan.FromSeconds(1)) with { Method = "POST", PathContains = "/events", AfterProcessing = true });
        await using var target = await _ctx.CalendarAsync();

        var created = await target.CreateAsync(TodoKind.Appointment, "db1:8", Samples.Appointment(), CancellationToken.None);

        var posts = _ctx.Fake.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.EndsWith("/events", StringComparison.Ordinal)).ToList();
        Assert.That(posts.Select(p => p.StatusCode), Is.EqualTo(new[] { 429, 201 }));
        var events = _ctx.Fake.List(GraphTestContext.Mailbox, FakeCollection.Events);
        Assert.That(events, Has.Count.EqualTo(1));
        Assert.That(events[0]["id"]!.GetValue<string>(), Is.EqualTo(created.Item.Id));
    }

    [Test]
    public async Task Every_request_asks_for_immutable_ids()
    {
        await using var target = await _ctx.CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:9", Samples.Appointment(), CancellationToken.None);
        await target.GetChangesAsync(TodoKind.Appointment, null, Samples.Window, CancellationToken.None);
        await target.GetChangesAsync(TodoKind.Task, null, Samples.Window, CancellationToken.None);

        var graphRequests = _ctx.Fake.Requests.Where(r => r.PathAndQuery.StartsWith("/v1.0", StringComparison.Ordinal)).ToList();
        Assert.That(graphRequests, Is.Not.Empty);
        Assert.That(graphRequests.Select(r => r.Prefer), Has.All.Contains("IdType=\"ImmutableId\""));
        Assert.That(created.Item.Id, Does.StartWith("evAAkAL"), "the immutable id form");
    }

    [Test]
    public async Task Update_and_delete_send_if_match_and_a_stale_version_is_a_conflict()
    {
        await using var target = await _ctx.CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:10", Samples.Appointment(), CancellationToken.None);
        _ctx.Fake.Edit(GraphTestContext.Mailbox, FakeCollection.Events, created.Item.Id, e => e["subject"] = "edited in Outlook");

        Assert.ThrowsAsync<VersionConflictException>(() => target.UpdateAsync(TodoKind.Appointment, created.Item, Samples.Appointment("ours"), CancellationToken.None));
        Assert.ThrowsAsync<VersionConflictException>(() => target.DeleteAsync(TodoKind.Appointment, created.Item, CancellationToken.None));

        var current = (await target.GetAsync(TodoKind.Appointment, [created.Item.Id], CancellationToken.None)).Single();
        Assert.That(current.Content!.Subject, Is.EqualTo("edited in Outlook"));
        var updated = await target.UpdateAsync(TodoKind.Appointment, current.Item, Samples.Appointment("ours"), CancellationToken.None);
        Assert.That(updated.Version, Is.Not.EqualTo(current.Item.Version));
        Assert.That(_ctx.Fake.Requests.Last(r => r.Method == "PATCH").IfMatch, Is.EqualTo(current.Item.Version.Value));

        await target.DeleteAsync(TodoKind.Appointment, updated, CancellationToken.None);
        Assert.That(_ctx.Fake.List(GraphTestContext.Mailbox, FakeCollection.Events), Is.Empty);
        Assert.ThrowsAsync<ItemNotFoundException>(() => target.DeleteAsync(TodoKind.Appointment, updated, CancellationToken.None));
        Assert.That(await target.GetAsync(TodoKind.Appointment, [updated.Id], CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task Delta_pages_through_next_links_and_then_reports_changes_and_deletions()
    {
        await using var target = await _ctx.CalendarAsync(_ctx.Settings(pageSize: 4));
        var ids = new List<string>();
        for (var i = 1; i <= 10; i++)
        {
            ids.Add((await target.CreateAsync(TodoKind.Appointment, $"db1:{i}", Samples.Appointment($"A{i}", i), CancellationToken.None)).Item.Id);
        }

        _ctx.Fake.ClearRequests();
        var full = await target.GetChangesAsync(TodoKind.Appointment, null, Samples.Window, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(full.IsFullListing, Is.True);
            Assert.That(full.Items.Select(i => i.Id), Is.EquivalentTo(ids));
            Assert.That(full.NextCursor, Is.Not.Null);
            Assert.That(_ctx.Fake.Requests.Count(r => r.PathAndQuery.Contains("calendarView/delta", StringComparison.Ordinal)), Is.EqualTo(3), "10 events in pages of 4");
            Assert.That(_ctx.Fake.Requests.Select(r => r.Prefer), Has.All.Contains("odata.maxpagesize=4"));
        });

        var nothing = await target.GetChangesAsync(TodoKind.Appointment, full.NextCursor, Samples.Window, CancellationToken.None);
        Assert.That(nothing.Items, Is.Empty);
        Assert.That(nothing.DeletedIds, Is.Empty);
        Assert.That(nothing.IsFullListing, Is.False);

        _ctx.Fake.Edit(GraphTestContext.Mailbox, FakeCollection.Events, ids[2], e => e["subject"] = "moved");
        _ctx.Fake.Delete(GraphTestContext.Mailbox, FakeCollection.Events, ids[5]);
        var added = _ctx.Fake.Create(GraphTestContext.Mailbox, FakeCollection.Events, ExternalEvent("made in Outlook"));

        var changes = await target.GetChangesAsync(TodoKind.Appointment, nothing.NextCursor, Samples.Window, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(changes.IsFullListing, Is.False);
            Assert.That(changes.Items.Select(i => i.Id), Is.EquivalentTo(new[] { ids[2], added }));
            Assert.That(changes.DeletedIds, Is.EqualTo(new[] { ids[5] }));
        });
    }

    [Test]
    [Category("D-2")]
    public async Task An_event_that_left_the_window_is_reported_as_changed_not_deleted()
    {
        await using var target = await _ctx.CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:1", Samples.Appointment(), CancellationToken.None);
        var full = await target.GetChangesAsync(TodoKind.Appointment, null, Samples.Window, CancellationToken.None);

        _ctx.Fake.Edit(GraphTestContext.Mailbox, FakeCollection.Events, created.Item.Id, e =>
        {
            e["start"] = new JsonObject { ["dateTime"] = "2031-01-01T10:00:00", ["timeZone"] = "UTC" };
            e["end"] = new JsonObject { ["dateTime"] = "2031-01-01T11:00:00", ["timeZone"] = "UTC" };
        });
        var changes = await target.GetChangesAsync(TodoKind.Appointment, full.NextCursor, Samples.Window, CancellationToken.None);

        Assert.That(changes.DeletedIds, Is.Empty);
        Assert.That(changes.Items.Select(i => i.Id), Is.EqualTo(new[] { created.Item.Id }));
    }

    [Test]
    public async Task An_expired_delta_token_gives_a_full_listing()
    {
        await using var target = await _ctx.CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:1", Samples.Appointment(), CancellationToken.None);
        var full = await target.GetChangesAsync(TodoKind.Appointment, null, Samples.Window, CancellationToken.None);
        _ctx.Fake.ExpireDeltaTokens();

        var again = await target.GetChangesAsync(TodoKind.Appointment, full.NextCursor, Samples.Window, CancellationToken.None);

        Assert.That(again.IsFullListing, Is.True);
        Assert.That(again.Items.Select(i => i.Id), Is.EqualTo(new[] { created.Item.Id }));
        Assert.That(_ctx.Fake.Requests.Count(r => r.StatusCode == 410), Is.EqualTo(1));
        var next = await target.GetChangesAsync(TodoKind.Appointment, again.NextCursor, Samples.Window, CancellationToken.None);
        Assert.That(next.IsFullListing, Is.False);
    }

    [Test]
    public async Task A_window_that_moves_out_of_the_baseline_starts_a_new_round()
    {
        await using var target = await _ctx.CalendarAsync();
        await target.CreateAsync(TodoKind.Appointment, "db1:1", Samples.Appointment(), CancellationToken.None);
        var full = await target.GetChangesAsync(TodoKind.Appointment, null, Samples.Window, CancellationToken.None);

        var slightly = Samples.Window with { Start = Samples.Window.Start.AddDays(5), End = Samples.Window.End.AddDays(5) };
        var same = await target.GetChangesAsync(TodoKind.Appointment, full.NextCursor, slightly, CancellationToken.None);
        Assert.That(same.IsFullListing, Is.False, "a few days fit into the padded baseline");

        var moved = Samples.Window with { Start = Samples.Window.Start.AddMonths(6), End = Samples.Window.End.AddMonths(6) };
        var rebased = await target.GetChangesAsync(TodoKind.Appointment, same.NextCursor, moved, CancellationToken.None);
        Assert.That(rebased.IsFullListing, Is.True);
    }

    [Test]
    [Category("R-COND-6")]
    public async Task Private_and_recurring_events_made_in_Outlook_are_flagged()
    {
        var plain = _ctx.Fake.Create(GraphTestContext.Mailbox, FakeCollection.Events, ExternalEvent("plain"));
        var secret = _ctx.Fake.Create(GraphTestContext.Mailbox, FakeCollection.Events, ExternalEvent("private", e => e["sensitivity"] = "private"));
        var series = _ctx.Fake.Create(GraphTestContext.Mailbox, FakeCollection.Events, ExternalEvent("occurrence", e =>
        {
            e["type"] = "occurrence";
            e["seriesMasterId"] = "master-1";
        }));
        await using var target = await _ctx.CalendarAsync();

        var items = (await target.GetAsync(TodoKind.Appointment, [plain, secret, series], CancellationToken.None))
            .ToDictionary(f => f.Item.Id, f => f.Content!);

        Assert.Multiple(() =>
        {
            Assert.That(items[plain].IsPrivate || items[plain].IsRecurring, Is.False);
            Assert.That(items[plain].SourceTag, Is.Null);
            Assert.That(items[secret].IsPrivate, Is.True);
            Assert.That(items[series].IsRecurring, Is.True);
        });
    }

    [Test]
    [Category("R-NOTE-1")]
    public async Task Html_bodies_and_all_day_events_are_read_as_such()
    {
        var id = _ctx.Fake.Create(GraphTestContext.Mailbox, FakeCollection.Events, new JsonObject
        {
            ["subject"] = "Holiday",
            ["isAllDay"] = true,
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<p>Off</p>" },
            ["start"] = new JsonObject { ["dateTime"] = "2026-12-24T00:00:00", ["timeZone"] = "W. Europe Standard Time" },
            ["end"] = new JsonObject { ["dateTime"] = "2026-12-27T00:00:00", ["timeZone"] = "W. Europe Standard Time" },
            ["showAs"] = "oof",
            ["importance"] = "low",
        });
        await using var target = await _ctx.CalendarAsync();

        var item = (await target.GetAsync(TodoKind.Appointment, [id], CancellationToken.None)).Single().Content!;

        Assert.Multiple(() =>
        {
            Assert.That(item.DescriptionFormat, Is.EqualTo(DescriptionFormat.Html));
            Assert.That(item.Description, Is.EqualTo("<p>Off</p>"));
            Assert.That(item.IsAllDay, Is.True);
            Assert.That(item.TimeZoneId, Is.EqualTo("Europe/Berlin"));
            Assert.That(item.Start, Is.EqualTo(new DateTimeOffset(2026, 12, 24, 0, 0, 0, TimeSpan.FromHours(1))));
            Assert.That(item.End, Is.EqualTo(new DateTimeOffset(2026, 12, 27, 0, 0, 0, TimeSpan.FromHours(1))));
            Assert.That(item.ShowAs, Is.EqualTo(ShowAs.OutOfOffice));
            Assert.That(item.Priority, Is.EqualTo(Priority.Low));
        });
    }

    [Test]
    [Category("R-APT-4")]
    public async Task A_reminder_is_written_as_minutes_before_the_start()
    {
        await using var target = await _ctx.CalendarAsync();
        var item = Samples.Appointment() with { Reminder = Samples.Appointment().Start!.Value.AddMinutes(-30) };
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:1", item, CancellationToken.None);

        var stored = _ctx.Fake.List(GraphTestContext.Mailbox, FakeCollection.Events).Single();
        Assert.That(stored["isReminderOn"]!.GetValue<bool>(), Is.True);
        Assert.That(stored["reminderMinutesBeforeStart"]!.GetValue<int>(), Is.EqualTo(30));

        await target.UpdateAsync(TodoKind.Appointment, created.Item, Samples.Appointment(), CancellationToken.None);
        Assert.That(_ctx.Fake.List(GraphTestContext.Mailbox, FakeCollection.Events).Single()["isReminderOn"]!.GetValue<bool>(), Is.False);
    }

    [Test]
    [Category("R-COND-4")]
    public async Task A_meeting_made_of_our_event_in_Outlook_is_neither_updated_nor_deleted()
    {
        await using var target = await _ctx.CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:m", Samples.Appointment(), CancellationToken.None);
        _ctx.Fake.Edit(GraphTestContext.Mailbox, FakeCollection.Events, created.Item.Id, e => e["attendees"] = new JsonArray(new JsonObject
        {
            ["type"] = "required",
            ["emailAddress"] = new JsonObject { ["address"] = "bob@contoso.example", ["name"] = "Bob" },
        }));
        var current = (await target.GetAsync(TodoKind.Appointment, [created.Item.Id], CancellationToken.None)).Single().Item;

        Assert.ThrowsAsync<ItemRejectedException>(() => target.UpdateAsync(TodoKind.Appointment, current, Samples.Appointment("x"), CancellationToken.None));
        Assert.ThrowsAsync<ItemRejectedException>(() => target.DeleteAsync(TodoKind.Appointment, current, CancellationToken.None));

        Assert.That(_ctx.Fake.MeetingMessagesSent, Is.Zero);
        Assert.That(_ctx.Fake.List(GraphTestContext.Mailbox, FakeCollection.Events), Has.Count.EqualTo(1));
    }

    internal static string? Property(JsonObject item, string id) =>
        item["singleValueExtendedProperties"]?.AsArray().FirstOrDefault(p => p!["id"]!.GetValue<string>() == id)?["value"]?.GetValue<string>();

    internal static JsonObject ExternalEvent(string subject, Action<JsonObject>? edit = null)
    {
        var json = new JsonObject
        {
            ["subject"] = subject,
            ["start"] = new JsonObject { ["dateTime"] = "2026-11-30T08:00:00", ["timeZone"] = "UTC" },
            ["end"] = new JsonObject { ["dateTime"] = "2026-11-30T09:00:00", ["timeZone"] = "UTC" },
            ["type"] = "singleInstance",
            ["sensitivity"] = "normal",
        };
        edit?.Invoke(json);
        return json;
    }
}
