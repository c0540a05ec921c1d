using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.FakeEws;

namespace ProadSync.Plugin.Exchange.Tests;

/// <summary>The calendar target against the in-process fake EWS server.</summary>
public sealed class ExchangeCalendarTargetTests : FakeEwsTestBase
{
    private static readonly DateRange Window = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static CalendarItem Appointment(string subject = "Planning") => new()
    {
        Kind = TodoKind.Appointment,
        Subject = subject,
        Description = "Line one\nLine two",
        Start = new DateTimeOffset(2026, 12, 2, 14, 0, 0, TimeSpan.FromHours(1)),
        End = new DateTimeOffset(2026, 12, 2, 15, 30, 0, TimeSpan.FromHours(1)),
        TimeZoneId = "Europe/Berlin",
        Location = "Room 721",
        Priority = Priority.High,
        ShowAs = ShowAs.OutOfOffice,
        Reminder = new DateTimeOffset(2026, 12, 2, 13, 30, 0, TimeSpan.FromHours(1)),
        SourceTag = "proad:appointment:1",
    };

    private static CalendarItem Task(TodoStatus status = TodoStatus.New) => new()
    {
        Kind = TodoKind.Task,
        Subject = "Write report",
        Start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(1)),
        End = new DateTimeOffset(2026, 12, 5, 17, 0, 0, TimeSpan.FromHours(1)),
        TimeZoneId = "Europe/Berlin",
        Location = "Office",
        Priority = Priority.Low,
        Status = status,
        SourceTag = "proad:task:1",
    };

    [Test]
    [Category("R-APT-1")]
    [Category("R-APT-2")]
    [Category("R-APT-3")]
    public async Task Appointment_fields_round_trip()
    {
        var target = await CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:todo:1", Appointment(), CancellationToken.None);
        Assert.That(created.Adopted, Is.False);

        var fetched = (await target.GetAsync(TodoKind.Appointment, [created.Item.Id], CancellationToken.None)).Single();
        Assert.That(fetched.Problem, Is.Null);
        var item = fetched.Content!;
        Assert.Multiple(() =>
        {
            Assert.That(fetched.Item, Is.EqualTo(created.Item));
            Assert.That(item.Subject, Is.EqualTo("Planning"));
            Assert.That(item.Description, Is.EqualTo("Line one\nLine two"));
            Assert.That(item.DescriptionFormat, Is.EqualTo(DescriptionFormat.PlainText));
            Assert.That(item.Start, Is.EqualTo(Appointment().Start));
            Assert.That(item.Start!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(1)), "times come back in the item's zone");
            Assert.That(item.End, Is.EqualTo(Appointment().End));
            Assert.That(item.TimeZoneId, Is.EqualTo("Europe/Berlin"));
            Assert.That(item.Location, Is.EqualTo("Room 721"));
            Assert.That(item.Priority, Is.EqualTo(Priority.High));
            Assert.That(item.ShowAs, Is.EqualTo(ShowAs.OutOfOffice));
            Assert.That(item.SourceTag, Is.EqualTo("proad:appointment:1"));
            Assert.That(item.IsPrivate || item.IsRecurring, Is.False);
        });

        var stored = Mailbox.Find(created.Item.Id)!;
        Assert.That(stored.GetValue("Start"), Is.EqualTo("2026-12-02T13:00:00Z"), "sent as UTC");
        Assert.That(stored.GetValue("LegacyFreeBusyStatus"), Is.EqualTo("OOF"));
        Assert.That(stored.GetPublicString("ProadSyncId"), Is.EqualTo("db1:todo:1"), "the identity used for adoption");
        Assert.That(stored.GetPublicString("ProadSyncSourceTag"), Is.EqualTo("proad:appointment:1"));
    }

    [Test]
    [Category("R-APT-4")]
    [Category("R-NOTE-3")]
    public async Task Reminder_goes_out_as_minutes_before_start_and_is_not_read_back()
    {
        var target = await CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:todo:2", Appointment(), CancellationToken.None);
        var stored = Mailbox.Find(created.Item.Id)!;
        Assert.That(stored.GetValue("ReminderIsSet"), Is.EqualTo("true"));
        Assert.That(stored.GetValue("ReminderMinutesBeforeStart"), Is.EqualTo("30"));
        var fetched = (await target.GetAsync(TodoKind.Appointment, [created.Item.Id], CancellationToken.None)).Single();
        Assert.That(fetched.Content!.Reminder, Is.Null);
    }

    [Test]
    [Category("R-TSK-3")]
    [Category("R-NOTE-3")]
    public async Task Task_reminder_goes_out_as_ReminderDueBy_and_is_not_read_back()
    {
        var target = await CalendarAsync();
        var reminder = new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.FromHours(1));
        var created = await target.CreateAsync(TodoKind.Task, "db1:todo:2b", Task() with { Reminder = reminder }, CancellationToken.None);
        var stored = Mailbox.Find(created.Item.Id)!;
        Assert.That(stored.GetValue("ReminderIsSet"), Is.EqualTo("true"));
        Assert.That(stored.GetValue("ReminderDueBy"), Is.EqualTo("2026-12-05T07:00:00Z"));
        Assert.That(stored.GetValue("ReminderMinutesBeforeStart"), Is.Null, "tasks use an absolute reminder time");
        var fetched = (await target.GetAsync(TodoKind.Task, [created.Item.Id], CancellationToken.None)).Single();
        Assert.That(fetched.Content!.Reminder, Is.Null);

        var cleared = await target.UpdateAsync(TodoKind.Task, created.Item, Task(), CancellationToken.None);
        Assert.That(Mailbox.Find(cleared.Id)!.GetValue("ReminderIsSet"), Is.EqualTo("false"));
    }

    [Test]
    [Category("R-COND-2")]
    public async Task Empty_subject_is_written_as_a_full_stop()
    {
        var target = await CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:todo:3", Appointment(string.Empty), CancellationToken.None);
        Assert.That(Mailbox.Find(created.Item.Id)!.GetValue("Subject"), Is.EqualTo("."));
    }

    [TestCase(TodoStatus.New, "NotStarted")]
    [TestCase(TodoStatus.Started, "InProgress")]
    [TestCase(TodoStatus.Waiting, "WaitingOnOthers")]
    [TestCase(TodoStatus.Deferred, "Deferred")]
    [TestCase(TodoStatus.Done, "Completed")]
    [TestCase(TodoStatus.Cancelled, "Completed")]
    [Category("R-TSK-2")]
    [Category("D-6")]
    [Category("R-NOTE-4")]
    public async Task Task_status_maps_to_the_nearest_EWS_state_and_survives_a_round_trip(TodoStatus status, string ewsStatus)
    {
        var target = await CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Task, "db1:todo:4", Task(status), CancellationToken.None);
        Assert.That(Mailbox.Find(created.Item.Id)!.GetValue("Status"), Is.EqualTo(ewsStatus));
        var fetched = (await target.GetAsync(TodoKind.Task, [created.Item.Id], CancellationToken.None)).Single().Content!;
        Assert.That(fetched.Status, Is.EqualTo(status));
    }

    [Test]
    [Category("D-6")]
    public async Task An_external_status_change_wins_over_the_stale_tag()
    {
        var target = await CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Task, "db1:todo:5", Task(TodoStatus.Cancelled), CancellationToken.None);
        Mailbox.SetValue(created.Item.Id, "Status", "InProgress");
        var fetched = (await target.GetAsync(TodoKind.Task, [created.Item.Id], CancellationToken.None)).Single().Content!;
        Assert.That(fetched.Status, Is.EqualTo(TodoStatus.Started));
    }

    [Test]
    [Category("R-TSK-1")]
    public async Task Task_dates_location_and_priority_round_trip()
    {
        var target = await CalendarAsync();
        Assert.That(target.Capabilities.TaskDatesAreDateOnly, Is.True);
        var created = await target.CreateAsync(TodoKind.Task, "db1:todo:6", Task(), CancellationToken.None);
        var fetched = (await target.GetAsync(TodoKind.Task, [created.Item.Id], CancellationToken.None)).Single().Content!;
        Assert.Multiple(() =>
        {
            Assert.That(fetched.End!.Value.Date, Is.EqualTo(new DateTime(2026, 12, 5)));
            Assert.That(fetched.Start!.Value.Date, Is.EqualTo(new DateTime(2026, 12, 1)));
            Assert.That(fetched.Location, Is.EqualTo("Office"));
            Assert.That(fetched.Priority, Is.EqualTo(Priority.Low));
            Assert.That(fetched.SourceTag, Is.EqualTo("proad:task:1"));
        });
    }

    [Test]
    public async Task Creating_an_identity_twice_adopts_the_existing_item()
    {
        var target = await CalendarAsync();
        var first = await target.CreateAsync(TodoKind.Appointment, "db1:todo:7", Appointment(), CancellationToken.None);
        var second = await target.CreateAsync(TodoKind.Appointment, "db1:todo:7", Appointment("other"), CancellationToken.None);
        Assert.That(second.Adopted, Is.True);
        Assert.That(second.Item, Is.EqualTo(first.Item));
        Assert.That(Mailbox.ItemIds("calendar"), Has.Count.EqualTo(1));
        Assert.That(Mailbox.Find(first.Item.Id)!.GetValue("Subject"), Is.EqualTo("Planning"), "adoption leaves the content alone");
    }

    [Test]
    public async Task Update_with_the_current_version_writes_and_returns_a_new_version()
    {
        var target = await CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:todo:8", Appointment(), CancellationToken.None);
        var changed = Appointment("Moved") with
        {
            Start = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(1)),
            End = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.FromHours(1)),
            Location = null,
        };
        var updated = await target.UpdateAsync(TodoKind.Appointment, created.Item, changed, CancellationToken.None);
        Assert.That(updated.Id, Is.EqualTo(created.Item.Id));
        Assert.That(updated.Version, Is.Not.EqualTo(created.Item.Version));
        var fetched = (await target.GetAsync(TodoKind.Appointment, [updated.Id], CancellationToken.None)).Single();
        Assert.That(fetched.Item.Version, Is.EqualTo(updated.Version));
        Assert.That(fetched.Content!.Subject, Is.EqualTo("Moved"));
        Assert.That(fetched.Content.Start, Is.EqualTo(changed.Start));
        Assert.That(fetched.Content.Location, Is.Null, "a cleared field is deleted");
        Assert.That(fetched.Content.SourceTag, Is.EqualTo("proad:appointment:1"), "the tag survives updates");
        Assert.That(Mailbox.Find(updated.Id)!.GetPublicString("ProadSyncId"), Is.EqualTo("db1:todo:8"), "the identity is never rewritten");
    }

    [Test]
    public async Task Update_with_a_stale_version_throws_VersionConflictException()
    {
        var target = await CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:todo:9", Appointment(), CancellationToken.None);
        Mailbox.SetValue(created.Item.Id, "Subject", "Changed in Outlook");
        var error = Assert.ThrowsAsync<VersionConflictException>(() => target.UpdateAsync(TodoKind.Appointment, created.Item, Appointment("Ours"), CancellationToken.None));
        Assert.That(error!.ItemId, Is.EqualTo(created.Item.Id));
        Assert.That(Mailbox.Find(created.Item.Id)!.GetValue("Subject"), Is.EqualTo("Changed in Outlook"), "nothing overwritten");
    }

    [Test]
    public async Task Update_of_a_deleted_item_throws_ItemNotFoundException()
    {
        var target = await CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Task, "db1:todo:10", Task(), CancellationToken.None);
        Mailbox.Delete(created.Item.Id);
        Assert.ThrowsAsync<ItemNotFoundException>(() => target.UpdateAsync(TodoKind.Task, created.Item, Task(), CancellationToken.None));
    }

    [Test]
    public async Task Delete_removes_the_item_and_guards_the_version()
    {
        var target = await CalendarAsync();
        var a = await target.CreateAsync(TodoKind.Appointment, "db1:todo:11", Appointment(), CancellationToken.None);
        var b = await target.CreateAsync(TodoKind.Task, "db1:todo:12", Task(), CancellationToken.None);
        Mailbox.SetValue(a.Item.Id, "Location", "Elsewhere");
        Assert.ThrowsAsync<VersionConflictException>(() => target.DeleteAsync(TodoKind.Appointment, a.Item, CancellationToken.None));
        Assert.That(Mailbox.Find(a.Item.Id), Is.Not.Null);

        await target.DeleteAsync(TodoKind.Task, b.Item, CancellationToken.None);
        Assert.That(Mailbox.Find(b.Item.Id), Is.Null);
        Assert.ThrowsAsync<ItemNotFoundException>(() => target.DeleteAsync(TodoKind.Task, b.Item, CancellationToken.None));
    }

    [Test]
    [Category("R-COND-4")]
    public async Task Calendar_writes_never_send_invitations_or_cancellations()
    {
        var target = await CalendarAsync();
        var before = Server.State.MeetingMessagesSent;
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:todo:13", Appointment(), CancellationToken.None);
        var updated = await target.UpdateAsync(TodoKind.Appointment, created.Item, Appointment("x"), CancellationToken.None);
        await target.DeleteAsync(TodoKind.Appointment, updated, CancellationToken.None);
        Assert.That(Server.State.MeetingMessagesSent, Is.EqualTo(before));
        var sent = Mailbox.Requests.Where(r => r.Contains(created.Item.Id, StringComparison.Ordinal) || r.Contains("<m:CreateItem", StringComparison.Ordinal)).ToList();
        Assert.That(sent.Where(r => r.Contains("SendMeeting", StringComparison.Ordinal)), Is.All.Contain("=\"SendToNone\""));
    }

    [Test]
    public async Task First_sync_is_a_full_listing_and_later_syncs_are_deltas()
    {
        var target = await CalendarAsync();
        var a = await target.CreateAsync(TodoKind.Appointment, "db1:todo:20", Appointment(), CancellationToken.None);
        var b = await target.CreateAsync(TodoKind.Appointment, "db1:todo:21", Appointment(), CancellationToken.None);
        var first = await target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
        Assert.That(first.IsFullListing, Is.True);
        Assert.That(first.Items.Select(i => i.Id), Is.EquivalentTo(new[] { a.Item.Id, b.Item.Id }));
        Assert.That(first.NextCursor, Is.Not.Null);

        var empty = await target.GetChangesAsync(TodoKind.Appointment, first.NextCursor, Window, CancellationToken.None);
        Assert.That(empty.IsFullListing, Is.False);
        Assert.That(empty.Items, Is.Empty);
        Assert.That(empty.DeletedIds, Is.Empty);

        Mailbox.SetValue(a.Item.Id, "Subject", "changed outside");
        Mailbox.Delete(b.Item.Id);
        var c = await target.CreateAsync(TodoKind.Appointment, "db1:todo:22", Appointment(), CancellationToken.None);
        var delta = await target.GetChangesAsync(TodoKind.Appointment, empty.NextCursor, Window, CancellationToken.None);
        Assert.That(delta.IsFullListing, Is.False);
        Assert.That(delta.Items.Select(i => i.Id), Is.EquivalentTo(new[] { a.Item.Id, c.Item.Id }));
        Assert.That(delta.Items.Single(i => i.Id == a.Item.Id).Version.Value, Is.EqualTo(Mailbox.Find(a.Item.Id)!.ChangeKey));
        Assert.That(delta.DeletedIds, Is.EquivalentTo(new[] { b.Item.Id }));

        var tasks = await target.GetChangesAsync(TodoKind.Task, null, Window, CancellationToken.None);
        Assert.That(tasks.Items, Is.Empty, "tasks live in their own folder");
    }

    [Test]
    public async Task Sync_pages_through_more_changes_than_one_page_holds()
    {
        var target = await CalendarAsync(options: new() { ["pageSize"] = "2" });
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await target.CreateAsync(TodoKind.Task, $"db1:todo:3{i}", Task(), CancellationToken.None)).Item.Id);
        }

        var requestsBefore = CountSyncRequests();
        var all = await target.GetChangesAsync(TodoKind.Task, null, Window, CancellationToken.None);
        Assert.That(all.Items.Select(i => i.Id), Is.EquivalentTo(ids));
        Assert.That(CountSyncRequests() - requestsBefore, Is.EqualTo(3), "5 changes in pages of 2");
        Assert.That(Mailbox.Requests.Last(r => r.Contains("SyncFolderItems", StringComparison.Ordinal)),
            Does.Contain("<m:MaxChangesReturned>2</m:MaxChangesReturned>"));

        foreach (var id in ids.Take(3))
        {
            Mailbox.Delete(id);
        }

        var delta = await target.GetChangesAsync(TodoKind.Task, all.NextCursor, Window, CancellationToken.None);
        Assert.That(delta.DeletedIds, Is.EquivalentTo(ids.Take(3)));
    }

    [Test]
    public async Task A_corrupt_cursor_gives_a_full_listing()
    {
        var target = await CalendarAsync();
        var a = await target.CreateAsync(TodoKind.Appointment, "db1:todo:40", Appointment(), CancellationToken.None);
        var result = await target.GetChangesAsync(TodoKind.Appointment, new SyncCursor("bm90IGEgc3luYyBzdGF0ZQ=="), Window, CancellationToken.None);
        Assert.That(result.IsFullListing, Is.True);
        Assert.That(result.Items.Select(i => i.Id), Is.EqualTo(new[] { a.Item.Id }));
        Assert.That(result.DeletedIds, Is.Empty);
        Assert.That(Mailbox.Requests.Any(r => r.Contains("bm90IGEgc3luYyBzdGF0ZQ==", StringComparison.Ordinal)), Is.True, "the cursor was tried first");
    }

    [Test]
    public async Task A_forgotten_sync_state_gives_a_full_listing()
    {
        var target = await CalendarAsync();
        await target.CreateAsync(TodoKind.Appointment, "db1:todo:41", Appointment(), CancellationToken.None);
        var first = await target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
        Server.State.InvalidateSyncStates();
        var again = await target.GetChangesAsync(TodoKind.Appointment, first.NextCursor, Window, CancellationToken.None);
        Assert.That(again.IsFullListing, Is.True);
        Assert.That(again.Items, Has.Count.EqualTo(1));
    }

    [TestCase(ServerBusyShape.Fault)]
    [TestCase(ServerBusyShape.ResponseMessage)]
    public async Task ErrorServerBusy_becomes_a_transient_error_with_the_back_off(ServerBusyShape shape)
    {
        var target = await CalendarAsync();
        Server.State.InjectServerBusy(1, 1500, shape);
        var error = Assert.ThrowsAsync<TransientTargetException>(() => target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None));
        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromMilliseconds(1500)));

        // Honoured: after the back-off the same call works.
        var result = await target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
        Assert.That(result.IsFullListing, Is.True);
    }

    [Test]
    public async Task ErrorServerBusy_on_a_write_is_transient_and_writes_nothing()
    {
        var target = await CalendarAsync();
        Server.State.InjectServerBusy(1, 250, ServerBusyShape.ResponseMessage);
        var error = Assert.ThrowsAsync<TransientTargetException>(() => target.CreateAsync(TodoKind.Task, "db1:todo:50", Task(), CancellationToken.None));
        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(Mailbox.ItemIds("tasks"), Is.Empty);
    }

    [Test]
    [Category("R-ACC-2")]
    public async Task A_wrong_password_is_an_authentication_failure()
    {
        var target = await CalendarAsync(password: "wrong");
        Assert.ThrowsAsync<TargetAuthenticationException>(() => target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None));
        var report = await target.TestConnectionAsync(CancellationToken.None);
        Assert.That(report.Succeeded, Is.False);
        Assert.That(report.AuthenticationFailed, Is.True);
        Assert.That(report.Steps.Select(s => (s.Name, s.Outcome)), Is.EqualTo(new[]
        {
            ("reachable", TestOutcome.Passed), ("authenticated", TestOutcome.Failed), ("folders found", TestOutcome.Skipped),
        }));
    }

    [Test]
    public async Task An_injected_401_is_an_authentication_failure()
    {
        var target = await CalendarAsync();
        Server.State.InjectAuthFailures(1);
        Assert.ThrowsAsync<TargetAuthenticationException>(() => target.GetAsync(TodoKind.Task, ["IAAMkx"], CancellationToken.None));
    }

    [Test]
    [Category("R-ACC-2")]
    public async Task Connection_test_reports_reachable_authenticated_and_folders()
    {
        var target = await CalendarAsync();
        var report = await target.TestConnectionAsync(CancellationToken.None);
        Assert.That(report.Succeeded, Is.True, string.Join("; ", report.Steps));
        Assert.That(report.Steps.Select(s => s.Name), Is.EqualTo(new[] { "reachable", "authenticated", "folders found" }));
    }

    [Test]
    [Category("R-ACC-2")]
    public async Task Connection_test_reports_an_unreachable_server()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var factory = new ExchangeTargetFactory() as Abstractions.Targets.ICalendarTargetFactory;
        await using var target = await factory.CreateAsync(new Abstractions.Targets.TargetSettings
        {
            Url = $"http://127.0.0.1:{port}/EWS/Exchange.asmx",
            UserName = "u",
            Password = "p",
        }, CancellationToken.None);
        var report = await target.TestConnectionAsync(CancellationToken.None);
        Assert.That(report.Steps[0].Outcome, Is.EqualTo(TestOutcome.Failed));
        Assert.That(report.Steps.Skip(1).Select(s => s.Outcome), Is.All.EqualTo(TestOutcome.Skipped));
        Assert.That(report.AuthenticationFailed, Is.False);
    }

    [TestCase("Sensitivity", "Private", true, false)]
    [TestCase("Sensitivity", "Confidential", true, false)]
    [TestCase("IsRecurring", "true", false, true)]
    [TestCase("CalendarItemType", "RecurringMaster", false, true)]
    [Category("R-COND-6")]
    public async Task Private_and_recurring_marks_made_outside_are_reported(string element, string value, bool isPrivate, bool isRecurring)
    {
        var target = await CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Appointment, "db1:todo:60", Appointment(), CancellationToken.None);
        Mailbox.SetValue(created.Item.Id, element, value);
        var fetched = (await target.GetAsync(TodoKind.Appointment, [created.Item.Id], CancellationToken.None)).Single().Content!;
        Assert.That(fetched.IsPrivate, Is.EqualTo(isPrivate));
        Assert.That(fetched.IsRecurring, Is.EqualTo(isRecurring));
    }

    [Test]
    [Category("R-NOTE-1")]
    public async Task Html_descriptions_come_in_marked_as_html()
    {
        var writer = await CalendarAsync();
        var created = await writer.CreateAsync(TodoKind.Appointment, "db1:todo:70",
            Appointment() with { Description = "<p>Hello <b>there</b></p>", DescriptionFormat = DescriptionFormat.Html }, CancellationToken.None);
        var html = await CalendarAsync(options: new() { ["bodyType"] = "HTML" });
        var asHtml = (await html.GetAsync(TodoKind.Appointment, [created.Item.Id], CancellationToken.None)).Single().Content!;
        Assert.That(asHtml.DescriptionFormat, Is.EqualTo(DescriptionFormat.Html));
        Assert.That(asHtml.Description, Is.EqualTo("<p>Hello <b>there</b></p>"));

        var asText = (await writer.GetAsync(TodoKind.Appointment, [created.Item.Id], CancellationToken.None)).Single().Content!;
        Assert.That(asText.DescriptionFormat, Is.EqualTo(DescriptionFormat.PlainText));
        Assert.That(asText.Description, Is.EqualTo("Hello there"));
    }

    [Test]
    public async Task Get_leaves_out_vanished_ids_and_reports_wrong_kinds()
    {
        var target = await CalendarAsync(options: new() { ["getItemBatchSize"] = "2" });
        var a = await target.CreateAsync(TodoKind.Appointment, "db1:todo:80", Appointment(), CancellationToken.None);
        var t = await target.CreateAsync(TodoKind.Task, "db1:todo:81", Task(), CancellationToken.None);
        var gone = await target.CreateAsync(TodoKind.Appointment, "db1:todo:82", Appointment(), CancellationToken.None);
        Mailbox.Delete(gone.Item.Id);
        var fetched = await target.GetAsync(TodoKind.Appointment, [a.Item.Id, gone.Item.Id, t.Item.Id], CancellationToken.None);
        Assert.That(fetched.Select(f => f.Item.Id), Is.EqualTo(new[] { a.Item.Id, t.Item.Id }));
        Assert.That(fetched[0].Problem, Is.Null);
        Assert.That(fetched[1].Problem, Does.Contain("not a CalendarItem"));
    }

    private int CountSyncRequests() => Mailbox.Requests.Count(r => r.Contains("<m:SyncFolderItems", StringComparison.Ordinal));
}
