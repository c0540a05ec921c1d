using System.Diagnostics;
using System.Text.Json;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.ConnectorTestKit;
using ProadSync.Plugin.CalDav;

namespace ProadSync.Integration.Tests;

/// <summary>
/// What the plugin must do on each real server beyond the shared contract: discovery, the probe, refused passwords,
/// conflicts with other clients, deletions, private/recurring/time-zone/all-day items written by others, contacts,
/// and a read-back of our objects by an independent client (python3-caldav).
/// </summary>
public abstract class ServerBehaviourTests
{
    private static readonly DateRange Window = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>The server's name.</summary>
    protected abstract string ServerName { get; }

    /// <summary>The server.</summary>
    protected ServerInfo Server => ServerInfo.Get(ServerName);

    /// <summary>Whether an unknown sync-token ends in a full listing (DAViCal: a silent "delta" with everything, hence the reconcile).</summary>
    protected virtual bool UnknownTokenGivesFullListing => true;

    /// <summary>Whether MKCALENDAR keeps the component set asked for (Xandikos does not).</summary>
    protected virtual bool HonoursComponentSet => true;

    /// <summary>A user without calendars for the discovery test, or <see langword="null"/> for the usual user.</summary>
    protected virtual string? UserWithoutCalendars => null;

    [Test]
    [Category("R-ACC-2")]
    public async Task Discovery_from_the_base_url_finds_usable_calendars_and_stores_them()
    {
        var state = new MemoryStateStore();
        var settings = Targets.Settings(Server, state) with { UserName = UserWithoutCalendars ?? DavServers.User };
        await using var target = await Targets.CalendarAsync(settings);

        var report = await target.TestConnectionAsync(CancellationToken.None);

        Assert.That(report.Succeeded, Is.True, Describe(report));
        Assert.That(report.Steps.Select(s => s.Name), Is.EqualTo(new[] { "reachable", "TLS", "authenticated", "collections found", "profile chosen" }));
        var events = new Uri(state.Values["caldav.eventsUrl"]);
        var tasks = new Uri(state.Values["caldav.tasksUrl"]);
        Assert.That(events.AbsolutePath, Does.Not.Contain("/.in").And.Not.Contain("/.out").And.Not.Contain("proxy"));
        if (Server.DefaultCalendar is { } def)
        {
            Assert.That(events.AbsolutePath.TrimEnd('/'), Is.EqualTo(def.AbsolutePath.TrimEnd('/')), "the server's default calendar is chosen");
        }
        else
        {
            Assert.That(events.AbsolutePath, Does.EndWith("/proadsync-calendar/"), "a calendar is created when the user has none");
        }

        Assert.That(tasks, Is.EqualTo(events), "the default calendars accept VTODO, so tasks go there too");

        // The stored URLs are used on the next run without discovery: a create works straight away.
        await using var again = await Targets.CalendarAsync(settings);
        var created = await again.CreateAsync(TodoKind.Appointment, "it-" + Guid.NewGuid().ToString("N"), Appointment("discovered"), CancellationToken.None);
        Assert.That(created.Item.Id, Does.StartWith(events.AbsolutePath));
        await again.DeleteAsync(TodoKind.Appointment, created.Item, CancellationToken.None);
    }

    [Test]
    [Category("R-ACC-2")]
    [Category("R-CON-7")]
    public async Task Contact_discovery_from_the_base_url_finds_the_address_book()
    {
        var state = new MemoryStateStore();
        var settings = Targets.Settings(Server, state) with { UserName = UserWithoutCalendars ?? DavServers.User };
        await using var target = await Targets.ContactsAsync(settings);

        var report = await target.TestConnectionAsync(CancellationToken.None);

        Assert.That(report.Succeeded, Is.True, Describe(report));
        Assert.That(report.Steps.Select(s => s.Name), Is.EqualTo(new[] { "reachable", "TLS", "authenticated", "collections found" }));
        var book = new Uri(state.Values["carddav.addressBookUrl"]);
        if (UserWithoutCalendars is null)
        {
            Assert.That(book.AbsolutePath.TrimEnd('/'), Is.EqualTo(Server.DefaultAddressBook!.AbsolutePath.TrimEnd('/')));
        }
        else
        {
            Assert.That(book.AbsolutePath, Does.EndWith("/proadsync-contacts/"), "an address book is created when the user has none");
        }

        var created = await target.CreateAsync("it-" + Guid.NewGuid().ToString("N"), Contact(), CancellationToken.None);
        Assert.That(created.Item.Id, Does.StartWith(book.AbsolutePath));
        if (Server.HasAuth)
        {
            await using var wrong = await Targets.ContactsAsync(Targets.Settings(Server, password: "wrong-password"));
            var failed = await wrong.TestConnectionAsync(CancellationToken.None);
            Assert.That(failed.AuthenticationFailed, Is.True, Describe(failed));
        }
    }

    [Test]
    public async Task A_calendar_url_given_as_server_url_is_used_directly()
    {
        using var raw = new RawDav();
        var calendar = await raw.MakeCalendarAsync(Server.CalendarHome);
        var state = new MemoryStateStore();
        var settings = Targets.Settings(Server, state) with { Url = calendar.ToString() };
        await using var target = await Targets.CalendarAsync(settings);

        var created = await target.CreateAsync(TodoKind.Task, "it-" + Guid.NewGuid().ToString("N"), Task("direct"), CancellationToken.None);

        Assert.That(created.Item.Id, Does.StartWith(calendar.AbsolutePath));
        Assert.That(state.Values["caldav.eventsUrl"], Is.EqualTo(calendar.ToString()));
    }

    [Test]
    public async Task A_calendar_that_refuses_tasks_gets_a_separate_task_calendar()
    {
        using var raw = new RawDav();
        var eventsOnly = await raw.MakeCalendarAsync(Server.CalendarHome, "VEVENT");
        var state = new MemoryStateStore();
        var options = new Dictionary<string, string> { [CalDavOptionNames.CalendarUrl] = eventsOnly.ToString() };
        await using var target = await Targets.CalendarAsync(Targets.Settings(Server, state, options));

        var task = await target.CreateAsync(TodoKind.Task, "it-" + Guid.NewGuid().ToString("N"), Task("separate"), CancellationToken.None);
        var appointment = await target.CreateAsync(TodoKind.Appointment, "it-" + Guid.NewGuid().ToString("N"), Appointment("events only"), CancellationToken.None);

        Assert.That(appointment.Item.Id, Does.StartWith(eventsOnly.AbsolutePath));
        if (HonoursComponentSet)
        {
            Assert.That(task.Item.Id, Does.Not.StartWith(eventsOnly.AbsolutePath), "VTODO must not go into a VEVENT-only calendar");
            Assert.That(state.Values["caldav.tasksUrl"], Is.Not.EqualTo(eventsOnly.ToString()));
        }
        else
        {
            // Xandikos ignores the component set of MKCALENDAR and reports VEVENT, VTODO, VJOURNAL, VFREEBUSY.
            Assert.That(task.Item.Id, Does.StartWith(eventsOnly.AbsolutePath));
        }
        var read = await target.GetAsync(TodoKind.Task, [task.Item.Id], CancellationToken.None);
        Assert.That(read.Single().Content!.Subject, Is.EqualTo("separate"));
    }

    [Test]
    public async Task Probe_picks_the_profile_and_measures_the_server()
    {
        var state = new MemoryStateStore();
        await using var target = await Targets.CalendarAsync(Targets.Settings(Server, state));
        var report = await target.TestConnectionAsync(CancellationToken.None);
        Assert.That(report.Succeeded, Is.True, Describe(report));

        using var probe = JsonDocument.Parse(state.Values["caldav.probe"]);
        var root = probe.RootElement;
        Assert.That(root.GetProperty("Profile").GetString(), Is.EqualTo(Server.ExpectedProfile));
        Assert.That(root.GetProperty("TodoAccepted").GetBoolean(), Is.True);
        ExpectProbe(root);
        Assert.That(report.Steps.Single(s => s.Name == "profile chosen").Message, Does.Contain(Server.ExpectedProfile));
    }

    [Test]
    [Category("R-ACC-2")]
    [Category("R-ACC-4")]
    public async Task Wrong_password_is_reported_as_an_authentication_failure()
    {
        await using var target = await Targets.CalendarAsync(Targets.Settings(Server, password: "wrong-" + Guid.NewGuid().ToString("N")[..6]));
        var report = await target.TestConnectionAsync(CancellationToken.None);
        var step = report.Steps.Single(s => s.Name == "authenticated");
        if (!Server.HasAuth)
        {
            // Xandikos has no authentication at all (servers.md): the test says so instead of pretending a login.
            Assert.That(step.Outcome, Is.EqualTo(TestOutcome.Warning), Describe(report));
            Assert.That(report.AuthenticationFailed, Is.False);
            return;
        }

        Assert.That(step.Outcome, Is.EqualTo(TestOutcome.Failed), Describe(report));
        Assert.That(report.AuthenticationFailed, Is.True);
        Assert.That(report.Succeeded, Is.False);
        Assert.That(step.Message, Does.Not.Contain("wrong-"), "the password is never echoed");

        await using var run = await Targets.CalendarAsync(Targets.Settings(Server, password: "wrong-password"));
        Assert.ThrowsAsync<TargetAuthenticationException>(() => run.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None));
    }

    [Test]
    [Category("R-GEN-1")]
    public async Task An_edit_by_another_client_between_reads_makes_the_update_conflict()
    {
        var (target, calendar) = await FreshTargetAsync();
        await using var _ = target;
        var identity = "it-" + Guid.NewGuid().ToString("N");
        var created = await target.CreateAsync(TodoKind.Appointment, identity, Appointment("ours"), CancellationToken.None);

        using var raw = new RawDav();
        var url = new Uri(calendar, created.Item.Id);
        var status = await raw.PutAsync(url, ForeignEvent(identity, "SUMMARY:edited elsewhere"));
        Assert.That(status, Is.InRange(200, 299));

        Assert.ThrowsAsync<VersionConflictException>(() => target.UpdateAsync(TodoKind.Appointment, created.Item, Appointment("ours again"), CancellationToken.None));
        Assert.ThrowsAsync<VersionConflictException>(() => target.DeleteAsync(TodoKind.Appointment, created.Item, CancellationToken.None));
        var now = (await target.GetAsync(TodoKind.Appointment, [created.Item.Id], CancellationToken.None)).Single();
        Assert.That(now.Content!.Subject, Is.EqualTo("edited elsewhere"), "the other client's edit is still there");

        // With the fresh version the leading system's content goes out (R-GEN-1).
        var updated = await target.UpdateAsync(TodoKind.Appointment, now.Item, Appointment("leading wins"), CancellationToken.None);
        var after = (await target.GetAsync(TodoKind.Appointment, [updated.Id], CancellationToken.None)).Single();
        Assert.That(after.Content!.Subject, Is.EqualTo("leading wins"));
        Assert.That(after.Item.Version, Is.EqualTo(updated.Version));
    }

    [Test]
    [Category("R-MODE-2WAY-4")]
    public async Task An_item_deleted_by_another_client_is_reported()
    {
        var (target, calendar) = await FreshTargetAsync();
        await using var _ = target;
        var keep = await target.CreateAsync(TodoKind.Task, "it-" + Guid.NewGuid().ToString("N"), Task("keep"), CancellationToken.None);
        var gone = await target.CreateAsync(TodoKind.Task, "it-" + Guid.NewGuid().ToString("N"), Task("gone"), CancellationToken.None);
        var first = await target.GetChangesAsync(TodoKind.Task, null, Window, CancellationToken.None);
        Assert.That(first.Items.Select(i => i.Id), Is.EquivalentTo(new[] { keep.Item.Id, gone.Item.Id }));

        using var raw = new RawDav();
        Assert.That(await raw.DeleteAsync(new Uri(calendar, gone.Item.Id)), Is.InRange(200, 299));
        var second = await target.GetChangesAsync(TodoKind.Task, first.NextCursor, Window, CancellationToken.None);

        if (second.IsFullListing)
        {
            Assert.That(target.Capabilities.SupportsChangeCursor, Is.False, "only a server without deltas lists everything again");
            Assert.That(second.Items.Select(i => i.Id), Is.EqualTo(new[] { keep.Item.Id }));
        }
        else
        {
            Assert.That(second.DeletedIds, Is.EqualTo(new[] { gone.Item.Id }));
            Assert.That(second.Items, Is.Empty);
        }

        var third = await target.GetChangesAsync(TodoKind.Task, second.NextCursor, Window, CancellationToken.None);
        Assert.That(third.Items, Is.Empty, "nothing changed since: the ctag short-cut answers without a listing");
        Assert.That(third.DeletedIds, Is.Empty);
        Assert.That(third.IsFullListing, Is.False);
    }

    [Test]
    [Category("R-COND-6")]
    public async Task Private_and_recurring_items_of_other_clients_are_read_with_their_flags()
    {
        var (target, calendar) = await FreshTargetAsync();
        await using var _ = target;
        using var raw = new RawDav();
        var privateUid = "foreign-private-" + Guid.NewGuid().ToString("N");
        var seriesUid = "foreign-series-" + Guid.NewGuid().ToString("N");
        Assert.That(await raw.PutAsync(new Uri(calendar, privateUid + ".ics"), ForeignEvent(privateUid, "SUMMARY:secret", "CLASS:PRIVATE")), Is.InRange(200, 299));
        Assert.That(await raw.PutAsync(new Uri(calendar, seriesUid + ".ics"), ForeignEvent(seriesUid, "SUMMARY:weekly", "RRULE:FREQ=WEEKLY;COUNT=5")), Is.InRange(200, 299));

        var listing = await target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
        var fetched = await target.GetAsync(TodoKind.Appointment, listing.Items.Select(i => i.Id).ToList(), CancellationToken.None);

        var secret = fetched.Single(f => f.Content?.Subject == "secret");
        var weekly = fetched.Single(f => f.Content?.Subject == "weekly");
        Assert.That(secret.Content!.IsPrivate, Is.True);
        Assert.That(secret.Content.IsRecurring, Is.False);
        Assert.That(weekly.Content!.IsRecurring, Is.True);
        Assert.That(weekly.Content.IsPrivate, Is.False);
    }

    [Test]
    [Category("R-APT-1")]
    public async Task Time_zones_and_all_day_items_of_other_clients_are_read_correctly()
    {
        var (target, calendar) = await FreshTargetAsync();
        await using var _ = target;
        using var raw = new RawDav();
        var zoned = "foreign-ny-" + Guid.NewGuid().ToString("N");
        var allDay = "foreign-allday-" + Guid.NewGuid().ToString("N");
        var ny = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other client//EN\r\n" + NewYorkZone +
                 $"BEGIN:VEVENT\r\nUID:{zoned}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=America/New_York:20260701T100000\r\n" +
                 "DTEND;TZID=America/New_York:20260701T113000\r\nSUMMARY:new york\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var day = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other client//EN\r\n" +
                  $"BEGIN:VEVENT\r\nUID:{allDay}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260704\r\nDTEND;VALUE=DATE:20260706\r\n" +
                  "SUMMARY:holiday\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        Assert.That(await raw.PutAsync(new Uri(calendar, zoned + ".ics"), ny), Is.InRange(200, 299));
        Assert.That(await raw.PutAsync(new Uri(calendar, allDay + ".ics"), day), Is.InRange(200, 299));

        var listing = await target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
        var fetched = await target.GetAsync(TodoKind.Appointment, listing.Items.Select(i => i.Id).ToList(), CancellationToken.None);

        var meeting = fetched.Single(f => f.Content?.Subject == "new york").Content!;
        Assert.That(meeting.Start, Is.EqualTo(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.FromHours(-4))));
        Assert.That(meeting.End, Is.EqualTo(new DateTimeOffset(2026, 7, 1, 11, 30, 0, TimeSpan.FromHours(-4))));
        Assert.That(meeting.TimeZoneId, Is.EqualTo("America/New_York"));
        Assert.That(meeting.IsAllDay, Is.False);
        var holiday = fetched.Single(f => f.Content?.Subject == "holiday").Content!;
        Assert.That(holiday.IsAllDay, Is.True);
        Assert.That(holiday.Start!.Value.Date, Is.EqualTo(new DateTime(2026, 7, 4)));
        Assert.That(holiday.End!.Value.Date, Is.EqualTo(new DateTime(2026, 7, 6)));
    }

    [Test]
    [Category("R-CON-2")]
    [Category("R-CON-5")]
    public async Task Contacts_are_created_updated_listed_and_external_deletes_are_seen()
    {
        using var raw = new RawDav();
        var book = await raw.MakeAddressBookAsync(Server.AddressBookHome);
        var options = new Dictionary<string, string> { [CalDavOptionNames.AddressBookUrl] = book.ToString() };
        await using var target = await Targets.ContactsAsync(Targets.Settings(Server, options: options));
        var contact = Contact();

        var created = await target.CreateAsync("it-contact-" + Guid.NewGuid().ToString("N"), contact, CancellationToken.None);
        var other = await target.CreateAsync("it-contact-" + Guid.NewGuid().ToString("N"), contact with { LastName = "Zweiter" }, CancellationToken.None);
        Assert.That(created.Adopted, Is.False);
        var read = (await target.GetAsync([created.Item.Id], CancellationToken.None)).Single();
        Assert.That(read.Content, Is.EqualTo(contact), "every exported field reads back as written");

        var updated = await target.UpdateAsync(created.Item, contact with { Function = "Leitung", Phone2 = null }, CancellationToken.None);
        Assert.That(updated.Version, Is.Not.EqualTo(created.Item.Version));
        Assert.ThrowsAsync<VersionConflictException>(() => target.UpdateAsync(created.Item, contact, CancellationToken.None));
        var listing = await target.ListAsync(CancellationToken.None);
        Assert.That(listing, Is.EquivalentTo(new[] { updated, other.Item }));

        Assert.That(await raw.DeleteAsync(new Uri(book, other.Item.Id)), Is.InRange(200, 299));
        var after = await target.ListAsync(CancellationToken.None);
        Assert.That(after.Select(i => i.Id), Is.EqualTo(new[] { created.Item.Id }), "the externally deleted contact is absent (R-CON-5)");
        Assert.ThrowsAsync<ItemNotFoundException>(() => target.UpdateAsync(other.Item, contact, CancellationToken.None));

        var again = await target.CreateAsync(DecodeName(created.Item.Id), contact, CancellationToken.None);
        Assert.That(again.Adopted, Is.True, "the same identity is adopted, not duplicated");
    }

    [Test]
    [Category("R-APT-1")]
    [Category("R-COND-4")]
    public async Task An_independent_client_reads_our_appointment_and_contact()
    {
        var (target, calendar) = await FreshTargetAsync();
        await using var _ = target;
        var identity = "it-py-" + Guid.NewGuid().ToString("N");
        var appointment = Appointment("Kick-off Müller & Söhne") with
        {
            Description = "Agenda:\n1. Budget; costs",
            Location = "Raum 3, Köln",
            Priority = Priority.High,
            ShowAs = ShowAs.Free,
            SourceTag = "it:4711",
        };
        var created = await target.CreateAsync(TodoKind.Appointment, identity, appointment, CancellationToken.None);

        var ev = RunPython("calendar", calendar, new Uri(calendar, created.Item.Id));
        Assert.That(ev.GetProperty("component").GetString(), Is.EqualTo("VEVENT"));
        Assert.That(ev.GetProperty("uid").GetString(), Is.EqualTo(identity));
        Assert.That(ev.GetProperty("summary").GetString(), Is.EqualTo("Kick-off Müller & Söhne"));
        Assert.That(ev.GetProperty("location").GetString(), Is.EqualTo("Raum 3, Köln"));
        Assert.That(ev.GetProperty("description").GetString(), Is.EqualTo("Agenda:\n1. Budget; costs"));
        Assert.That(ev.GetProperty("priority").GetString(), Is.EqualTo("1"));
        Assert.That(ev.GetProperty("transp").GetString(), Is.EqualTo("TRANSPARENT"));
        Assert.That(ev.GetProperty("x_proad_id").GetString(), Is.EqualTo("it:4711"));
        Assert.That(ev.GetProperty("start").GetProperty("tzid").GetString(), Is.EqualTo("Europe/Berlin"));
        Assert.That(ev.GetProperty("start").GetProperty("value").GetString(), Does.StartWith("2026-03-10T09:30:00"));
        Assert.That(ev.GetProperty("has_attendee").GetBoolean(), Is.False, "never an ATTENDEE (R-COND-4)");

        using var raw = new RawDav();
        var book = await raw.MakeAddressBookAsync(Server.AddressBookHome);
        var options = new Dictionary<string, string> { [CalDavOptionNames.AddressBookUrl] = book.ToString() };
        await using var contacts = await Targets.ContactsAsync(Targets.Settings(Server, options: options));
        var contactId = "it-py-contact-" + Guid.NewGuid().ToString("N");
        var card = await contacts.CreateAsync(contactId, Contact(), CancellationToken.None);

        var vc = RunPython("contact", book, new Uri(book, card.Item.Id));
        Assert.That(vc.GetProperty("uid").GetString(), Is.EqualTo(contactId));
        Assert.That(vc.GetProperty("fn").GetString(), Is.EqualTo("Jörg Müller-Lüdenscheidt"));
        Assert.That(vc.GetProperty("family").GetString(), Is.EqualTo("Müller-Lüdenscheidt"));
        Assert.That(vc.GetProperty("org").GetString(), Is.EqualTo("Söhne, Töchter & Co; KG"));
        Assert.That(vc.GetProperty("city").GetString(), Is.EqualTo("Köln"));
        Assert.That(vc.GetProperty("email").EnumerateArray().Select(e => e.GetString()), Is.EqualTo(new[] { "joerg@example.com", "info@example.com" }));
        var tels = vc.GetProperty("tel").EnumerateArray().ToList();
        Assert.That(tels.Single(t => t.GetProperty("types").EnumerateArray().Any(x => x.GetString()!.Contains("CELL", StringComparison.Ordinal))).GetProperty("value").GetString(),
            Is.EqualTo("+49 171 1234567"));
        Assert.That(tels.Single(t => t.GetProperty("types").EnumerateArray().Any(x => x.GetString()!.Contains("FAX", StringComparison.Ordinal))).GetProperty("value").GetString(),
            Is.EqualTo("+49 221 999-99"));
        Assert.That(vc.GetProperty("x_proad_id").GetString(), Is.EqualTo("it:contact:42"));
    }

    [Test]
    public async Task An_item_of_another_client_with_an_at_sign_in_its_name_keeps_one_id()
    {
        var (target, calendar) = await FreshTargetAsync();
        await using var _ = target;
        using var raw = new RawDav();
        var uid = "foreign-" + Guid.NewGuid().ToString("N")[..8] + "@other.example";
        Assert.That(await raw.PutAsync(new Uri(calendar, Uri.EscapeDataString(uid) + ".ics"), ForeignEvent(uid, "SUMMARY:at sign")), Is.InRange(200, 299));

        var listing = await target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
        var id = listing.Items.Single().Id;
        var fetched = (await target.GetAsync(TodoKind.Appointment, [id], CancellationToken.None)).Single();
        var updated = await target.UpdateAsync(TodoKind.Appointment, fetched.Item, Appointment("changed by us"), CancellationToken.None);
        var again = await target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);

        Assert.That(fetched.Item.Id, Is.EqualTo(id));
        Assert.That(updated.Id, Is.EqualTo(id));
        Assert.That(again.Items.Single(), Is.EqualTo(updated), "the listing names the item exactly as the update returned it");
        var (status, body) = await raw.GetAsync(new Uri(calendar, id));
        Assert.That(status, Is.EqualTo(200));
        Assert.That(body, Does.Contain("UID:" + uid), "an update keeps the other client's UID");
    }

    [Test]
    public async Task Parallel_writes_are_bounded_and_all_arrive()
    {
        var (target, _) = await FreshTargetAsync(new Dictionary<string, string> { [CalDavOptionNames.MaxParallelWrites] = "3" });
        await using var __ = target;
        Assert.That(target.Capabilities.MaxParallelWrites, Is.EqualTo(3));

        var creates = Enumerable.Range(0, 12).Select(i =>
            target.CreateAsync(i % 2 == 0 ? TodoKind.Appointment : TodoKind.Task, $"it-par-{i}-{Guid.NewGuid():N}",
                i % 2 == 0 ? Appointment($"p{i}") : Task($"p{i}"), CancellationToken.None));
        var results = await System.Threading.Tasks.Task.WhenAll(creates);

        Assert.That(results.Select(r => r.Adopted), Has.All.False);
        var events = await target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
        var tasks = await target.GetChangesAsync(TodoKind.Task, null, Window, CancellationToken.None);
        Assert.That(events.Items.Count + tasks.Items.Count, Is.EqualTo(12));
        Assert.That(events.Items.Concat(tasks.Items), Is.EquivalentTo(results.Select(r => r.Item)));
    }

    [Test]
    public async Task A_sync_token_the_server_does_not_know_gives_a_full_listing()
    {
        var (target, _) = await FreshTargetAsync();
        await using var __ = target;
        var item = await target.CreateAsync(TodoKind.Appointment, "it-" + Guid.NewGuid().ToString("N"), Appointment("one"), CancellationToken.None);
        var first = await target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
        var cursor = ProadSync.Plugin.CalDav.Targets.DavCursor.Parse(first.NextCursor!.Value)!;
        var bogus = cursor with { CTag = "changed", Token = cursor.Token is null ? null : "http://proadsync.invalid/sync/unknown" };

        var next = await target.GetChangesAsync(TodoKind.Appointment, new SyncCursor(bogus.ToString()), Window, CancellationToken.None);

        Assert.That(next.Items.Select(i => i.Id), Does.Contain(item.Item.Id));
        Assert.That(next.IsFullListing, Is.EqualTo(UnknownTokenGivesFullListing),
            UnknownTokenGivesFullListing ? "a refused token must fall back to a full listing" : "DAViCal answers an unknown token silently with everything");
    }

    /// <summary>Server-specific probe expectations.</summary>
    /// <param name="probe">The cached probe JSON.</param>
    protected abstract void ExpectProbe(JsonElement probe);

    /// <summary>A target on a fresh calendar of its own.</summary>
    /// <param name="options">Further options.</param>
    /// <returns>The target and the calendar URL.</returns>
    protected async Task<(ICalendarTarget Target, Uri Calendar)> FreshTargetAsync(IDictionary<string, string>? options = null)
    {
        using var raw = new RawDav();
        var calendar = await raw.MakeCalendarAsync(Server.CalendarHome);
        var all = new Dictionary<string, string>(options ?? new Dictionary<string, string>())
        {
            [CalDavOptionNames.CalendarUrl] = calendar.ToString(),
            [CalDavOptionNames.TaskUrl] = calendar.ToString(),
        };
        return (await Targets.CalendarAsync(Targets.Settings(Server, options: all)), calendar);
    }

    /// <summary>A timed appointment in Europe/Berlin.</summary>
    /// <param name="subject">The subject.</param>
    /// <returns>The content.</returns>
    protected static CalendarItem Appointment(string subject) => new()
    {
        Kind = TodoKind.Appointment,
        Subject = subject,
        Start = new DateTimeOffset(2026, 3, 10, 9, 30, 0, TimeSpan.FromHours(1)),
        End = new DateTimeOffset(2026, 3, 10, 10, 45, 0, TimeSpan.FromHours(1)),
        TimeZoneId = "Europe/Berlin",
    };

    /// <summary>A task with a due date.</summary>
    /// <param name="subject">The subject.</param>
    /// <returns>The content.</returns>
    protected static CalendarItem Task(string subject) => new()
    {
        Kind = TodoKind.Task,
        Subject = subject,
        End = new DateTimeOffset(2026, 7, 16, 17, 0, 0, TimeSpan.FromHours(2)),
        TimeZoneId = "Europe/Berlin",
        Status = TodoStatus.Started,
    };

    /// <summary>An event as another client would write it.</summary>
    /// <param name="uid">The UID.</param>
    /// <param name="lines">Further content lines (SUMMARY, CLASS, RRULE …).</param>
    /// <returns>The iCalendar text.</returns>
    protected static string ForeignEvent(string uid, params string[] lines) =>
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other client//EN\r\nBEGIN:VEVENT\r\n" +
        $"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260310T083000Z\r\nDTEND:20260310T093000Z\r\n" +
        string.Concat(lines.Select(l => l + "\r\n")) + "END:VEVENT\r\nEND:VCALENDAR\r\n";

    /// <summary>A contact with every exported field set.</summary>
    /// <returns>The fields.</returns>
    protected static ContactData Contact() => new()
    {
        FirstName = "Jörg",
        LastName = "Müller-Lüdenscheidt",
        Function = "Einkauf, Leitung",
        Company = "Söhne, Töchter & Co; KG",
        Street = "Hohe Straße 1",
        Postcode = "50667",
        City = "Köln",
        Country = "Deutschland",
        Phone1 = "+49 221 12345-0",
        Phone2 = "+49 221 12345-1",
        Mobile = "+49 171 1234567",
        Fax = "+49 221 999-99",
        Email1 = "joerg@example.com",
        Email2 = "info@example.com",
        Website = "https://example.com/jörg",
        SourceTag = "it:contact:42",
    };

    private const string NewYorkZone =
        "BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nTZNAME:EDT\r\n" +
        "DTSTART:19700308T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:-0400\r\n" +
        "TZOFFSETTO:-0500\r\nTZNAME:EST\r\nDTSTART:19701101T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

    private static string DecodeName(string id)
    {
        var name = Uri.UnescapeDataString(id[(id.LastIndexOf('/') + 1)..]);
        return name.EndsWith(".vcf", StringComparison.Ordinal) ? name[..^4] : name;
    }

    private static string Describe(ConnectionTestReport report) =>
        string.Join("; ", report.Steps.Select(s => $"{s.Name}: {s.Outcome} {s.Message}"));

    private static JsonElement RunPython(string kind, Uri collection, Uri item)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "python", "read_with_caldav.py");
        var psi = new ProcessStartInfo("/usr/bin/python3", [script, kind, collection.ToString(), item.ToString(), DavServers.User, DavServers.Password])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(60_000), Is.True, "python3-caldav did not finish");
        Assert.That(process.ExitCode, Is.Zero, $"python3-caldav failed: {stderr.Result}");
        return JsonDocument.Parse(stdout.Result).RootElement.Clone();
    }
}
