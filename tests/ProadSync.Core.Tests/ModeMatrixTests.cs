using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.Core.Sync;

namespace ProadSync.Core.Tests;

/// <summary>Every mode × every scenario; every scenario runs twice and the second run must change nothing.</summary>
[TestFixture]
public sealed class ModeMatrixTests
{
    private const SyncMode Export = SyncMode.Export;
    private const SyncMode OneWay = SyncMode.OneWay;
    private const SyncMode TwoWay = SyncMode.TwoWay;
    private const SyncMode Full = SyncMode.Full;

    private static bool Incoming(SyncMode mode) => mode is TwoWay or Full;

    private static IEnumerable<TestCaseData> ModesAndKinds()
    {
        foreach (var mode in new[] { Export, OneWay, TwoWay, Full })
        {
            foreach (var kind in new[] { TodoKind.Appointment, TodoKind.Task })
            {
                yield return new TestCaseData(mode, kind);
            }
        }
    }

    private static Task<Todo> AddAsync(SyncHarness h, TodoKind kind, string subject) =>
        kind == TodoKind.Task
            ? h.AddAsync(SyncHarness.TaskItem(subject, h.Now.AddDays(2), h.Now.AddDays(1)))
            : h.AddAppointmentAsync(subject);

    [TestCase(Export)]
    [TestCase(OneWay)]
    [TestCase(TwoWay)]
    [TestCase(Full)]
    [Category("R-MODE-EXPORT-1")]
    [Category("R-MODE-1WAY-1")]
    [Category("R-APT-1")]
    public async Task LeadingCreate_GoesOutOnce_WithIdentityAndTag(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var todo = await h.AddAsync(SyncHarness.Appointment("Kick-off", h.Now.AddDays(3)) with { Location = "Room 1", Description = "Agenda", Priority = Priority.High, ShowAs = ShowAs.OutOfOffice });

        var report = await h.RunTwiceAsync();

        var item = h.SingleExternalOf(todo.Id);
        Assert.Multiple(() =>
        {
            Assert.That(report.CreatedOut, Is.EqualTo(1));
            Assert.That(item.Identity, Is.EqualTo($"proadsync-demo-{todo.Id}"));
            Assert.That(item.Content.Subject, Is.EqualTo("Kick-off"));
            Assert.That(item.Content.Location, Is.EqualTo("Room 1"));
            Assert.That(item.Content.Description, Is.EqualTo("Agenda"));
            Assert.That(item.Content.Priority, Is.EqualTo(Priority.High));
            Assert.That(item.Content.ShowAs, Is.EqualTo(ShowAs.OutOfOffice));
            Assert.That(item.Content.Start, Is.EqualTo(todo.Content.Start));
            Assert.That(item.Content.End, Is.EqualTo(todo.Content.End));
            Assert.That(h.LinkOf(todo.Id)!.Active, Is.True);
        });
    }

    [TestCase(Export)]
    [TestCase(OneWay)]
    [TestCase(TwoWay)]
    [TestCase(Full)]
    [Category("R-MODE-EXPORT-1")]
    public async Task LeadingCreateAfterFirstRun_IsIncludedInTheNextRun(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        await h.AddAppointmentAsync("first");
        await h.RunTwiceAsync();
        var second = await h.AddAppointmentAsync("second");

        var report = await h.RunTwiceAsync();

        Assert.That(report.CreatedOut, Is.EqualTo(1));
        Assert.That(h.SingleExternalOf(second.Id).Content.Subject, Is.EqualTo("second"));
    }

    [TestCaseSource(nameof(ModesAndKinds))]
    [Category("R-MODE-EXPORT-1")]
    [Category("R-MODE-1WAY-1")]
    [Category("R-MODE-2WAY-1")]
    public async Task LeadingUpdate_GoesOutExceptInExport(SyncMode mode, TodoKind kind)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var expectUpdate = mode != Export;
        var todo = await AddAsync(h, kind, "before");
        await h.RunTwiceAsync();
        await h.EditAsync(todo.Id, c => c with { Subject = "after", Location = "Hall" });

        var report = await h.RunTwiceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.UpdatedOut, Is.EqualTo(expectUpdate ? 1 : 0));
            Assert.That(h.SingleExternalOf(todo.Id).Content.Subject, Is.EqualTo(expectUpdate ? "after" : "before"));
        });
    }

    [TestCaseSource(nameof(ModesAndKinds))]
    [Category("D-3")]
    [Category("R-MODE-1WAY-4")]
    [Category("R-MODE-2WAY-3")]
    public async Task LeadingDelete_DeletesExternallyExceptInExport(SyncMode mode, TodoKind kind)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var expectDelete = mode != Export;
        var todo = await AddAsync(h, kind, "to go");
        var other = await AddAsync(h, kind, "stays");
        await h.RunTwiceAsync();
        await h.Leading.DeleteTodoAsync(todo.Id, CancellationToken.None);

        var report = await h.RunTwiceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.DeletedOut, Is.EqualTo(expectDelete ? 1 : 0));
            Assert.That(h.ExternalOf(todo.Id), Has.Count.EqualTo(expectDelete ? 0 : 1));
            Assert.That(h.ExternalOf(other.Id), Has.Count.EqualTo(1));
            Assert.That(h.LinkOf(todo.Id, kind == TodoKind.Task ? LinkKind.Task : LinkKind.Appointment), Is.Null, "the link of a deleted to-do is gone");
            Assert.That(h.Leading.AllTodos().Select(t => t.Id), Is.EquivalentTo(new[] { other.Id }), "a run never re-creates a to-do deleted in the leading system");
        });
    }

    [TestCaseSource(nameof(ModesAndKinds))]
    [Category("R-MODE-2WAY-1")]
    [Category("R-MODE-1WAY-2")]
    [Category("R-MODE-EXPORT-1")]
    public async Task ExternalUpdate_ComesInOnlyInTwoWayAndFull(SyncMode mode, TodoKind kind)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var todo = await AddAsync(h, kind, "leading");
        await h.RunTwiceAsync();
        var external = h.SingleExternalOf(todo.Id);
        h.Calendar.EditExternally(external.Id, c => c with { Subject = "edited in Outlook", Location = "Cafe" });

        var report = await h.RunTwiceAsync();

        var after = (await h.GetAsync(todo.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(report.UpdatedIn, Is.EqualTo(Incoming(mode) ? 1 : 0));
            Assert.That(after.Content.Subject, Is.EqualTo(Incoming(mode) ? "edited in Outlook" : "leading"));
            Assert.That(after.Content.Location, Is.EqualTo(Incoming(mode) ? "Cafe" : null));
            Assert.That(h.SingleExternalOf(todo.Id).Content.Subject, Is.EqualTo("edited in Outlook"), "the external edit stays until the leading item changes");
        });
    }

    [Test]
    [Category("R-MODE-1WAY-2")]
    public async Task OneWay_ExternalEdit_IsOverwrittenAtTheRunInWhichTheLeadingItemChanged()
    {
        var h = await SyncHarness.CreateAsync(OneWay);
        var todo = await h.AddAppointmentAsync("leading");
        await h.RunTwiceAsync();
        h.Calendar.EditExternally(h.SingleExternalOf(todo.Id).Id, c => c with { Subject = "external edit" });
        await h.RunTwiceAsync();
        Assert.That(h.SingleExternalOf(todo.Id).Content.Subject, Is.EqualTo("external edit"));

        await h.EditAsync(todo.Id, c => c with { Location = "changed" });
        var report = await h.RunTwiceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.UpdatedOut, Is.EqualTo(1));
            Assert.That(h.SingleExternalOf(todo.Id).Content.Subject, Is.EqualTo("leading"));
            Assert.That(h.SingleExternalOf(todo.Id).Content.Location, Is.EqualTo("changed"));
        });
    }

    [TestCaseSource(nameof(ModesAndKinds))]
    [Category("R-MODE-2WAY-4")]
    [Category("R-MODE-1WAY-2")]
    [Category("R-MODE-EXPORT-1")]
    [Category("R-STAT-1")]
    public async Task ExternalDelete_PerMode(SyncMode mode, TodoKind kind)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var todo = await AddAsync(h, kind, "will be deleted outside");
        await h.RunTwiceAsync();
        h.Calendar.DeleteExternally(h.SingleExternalOf(todo.Id).Id);

        var report = await h.RunTwiceAsync();

        var after = (await h.GetAsync(todo.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(after, Is.Not.Null, "the leading data stays in every mode");
            Assert.That(after.Content.Subject, Is.EqualTo("will be deleted outside"));
            Assert.That(after.ExternallyDeleted, Is.EqualTo(Incoming(mode)));
            Assert.That(after.SyncActive, Is.EqualTo(!Incoming(mode)));
            Assert.That(report.MarkedDeletedIn, Is.EqualTo(Incoming(mode) ? 1 : 0));
            Assert.That(h.ExternalOf(todo.Id), Is.Empty, "nothing is re-created at once");
        });

        // A later leading change: 1-way re-creates it (the external delete is an external change overwritten at the next
        // run in which the leading item changed, decision documented in the report); export never re-sends; 2-way/full
        // leave the marked item out of all later runs.
        await h.EditAsync(todo.Id, c => c with { Subject = "changed later" });
        var later = await h.RunTwiceAsync();
        Assert.Multiple(() =>
        {
            Assert.That(h.ExternalOf(todo.Id), Has.Count.EqualTo(mode == OneWay ? 1 : 0));
            Assert.That(later.CreatedOut, Is.EqualTo(mode == OneWay ? 1 : 0));
            Assert.That(later.DeletedOut + later.UpdatedOut, Is.Zero);
        });
    }

    [TestCase(Export, 0)]
    [TestCase(OneWay, 0)]
    [TestCase(TwoWay, 0)]
    [TestCase(Full, 1)]
    [Category("R-MODE-1WAY-3")]
    [Category("R-MODE-2WAY-2")]
    [Category("R-MODE-FULL-1")]
    public async Task ExternalCreate_IsImportedOnlyInFull(SyncMode mode, int expected)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var externalId = h.Calendar.CreateExternally(SyncHarness.Appointment("made in Outlook", h.Now.AddDays(5)) with { Reminder = h.Now.AddDays(4) });

        var report = await h.RunTwiceAsync();

        var todos = h.Leading.AllTodos();
        Assert.Multiple(() =>
        {
            Assert.That(report.ImportedIn, Is.EqualTo(expected));
            Assert.That(todos, Has.Count.EqualTo(expected));
            Assert.That(h.Calendar.AllItems(), Has.Count.EqualTo(1), "importing never duplicates the external item");
        });
        if (expected == 1)
        {
            var imported = todos[0];
            Assert.Multiple(() =>
            {
                Assert.That(imported.ResponsibleUserId, Is.EqualTo(h.UserId));
                Assert.That(imported.Content.Subject, Is.EqualTo("made in Outlook"));
                Assert.That(imported.Content.Reminder, Is.Null, "reminders created externally are not taken (R-NOTE-3)");
                Assert.That(imported.SyncActive, Is.True);
            });

            // Synchronised from then on, in both directions.
            h.Calendar.EditExternally(externalId, c => c with { Subject = "renamed outside" });
            await h.RunTwiceAsync();
            Assert.That((await h.GetAsync(imported.Id))!.Content.Subject, Is.EqualTo("renamed outside"));
            await h.EditAsync(imported.Id, c => c with { Subject = "renamed in PROAD" });
            await h.RunTwiceAsync();
            Assert.That(h.Calendar.Find(externalId)!.Content.Subject, Is.EqualTo("renamed in PROAD"));
        }
    }

    [TestCaseSource(nameof(ModesAndKinds))]
    [Category("R-GEN-1")]
    public async Task BothChanged_LeadingWins_AndTheExternalVersionIsJournaled(SyncMode mode, TodoKind kind)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var leadingGoesOut = mode != Export;
        var todo = await AddAsync(h, kind, "original");
        await h.RunTwiceAsync();
        h.Calendar.EditExternally(h.SingleExternalOf(todo.Id).Id, c => c with { Subject = "external version" });
        await h.EditAsync(todo.Id, c => c with { Subject = "leading version" });

        var report = await h.RunTwiceAsync();

        var journal = h.Leading.AllJournal();
        var leadingAfter = (await h.GetAsync(todo.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(leadingAfter.Content.Subject, Is.EqualTo("leading version"), "the leading item is never overwritten in a conflict");
            Assert.That(h.SingleExternalOf(todo.Id).Content.Subject, Is.EqualTo(leadingGoesOut ? "leading version" : "external version"));
            Assert.That(journal, Has.Count.EqualTo(leadingGoesOut ? 1 : 0));
            Assert.That(report.Journaled, Is.EqualTo(leadingGoesOut ? 1 : 0));
        });
        if (leadingGoesOut)
        {
            Assert.That(journal[0].ContentJson, Does.Contain("external version"));
            Assert.That(journal[0].TodoId, Is.EqualTo(todo.Id));
        }
    }

    [TestCase(Export, true)]
    [TestCase(OneWay, true)]
    [TestCase(TwoWay, true)]
    [TestCase(Full, true)]
    [TestCase(Export, false)]
    [TestCase(OneWay, false)]
    [TestCase(TwoWay, false)]
    [TestCase(Full, false)]
    [Category("R-COND-6")]
    [Category("R-DIFF-1")]
    [Category("R-DIFF-2")]
    [Category("D-4")]
    public async Task PrivateOrSeriesMarkedLaterOnAnItemWeCreated(SyncMode mode, bool isPrivate)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var todo = await h.AddAppointmentAsync("ours");
        await h.RunTwiceAsync();
        var original = h.SingleExternalOf(todo.Id);
        if (isPrivate)
        {
            h.Calendar.MarkPrivateExternally(original.Id);
        }
        else
        {
            h.Calendar.MarkRecurringExternally(original.Id);
        }

        h.Calendar.EditExternally(original.Id, c => c with { Subject = "private edit" });

        var report = await h.RunTwiceAsync();

        var items = h.ExternalOf(todo.Id);
        var after = (await h.GetAsync(todo.Id))!;
        Assert.That(h.Calendar.Find(original.Id)!.Content.Subject, Is.EqualTo("private edit"), "the flagged external item is left alone");
        Assert.That(after.Content.Subject, Is.EqualTo("ours"), "a flagged item's content never comes in");
        if (mode is Export or OneWay)
        {
            Assert.Multiple(() =>
            {
                Assert.That(items, Has.Count.EqualTo(2), "the leading item is created once more as a parallel item (R-DIFF-1)");
                var fresh = items.Single(i => i.Id != original.Id);
                Assert.That(fresh.Identity, Is.EqualTo($"proadsync-demo-{todo.Id}-g1"), "a fresh identity, so the private item is not adopted (D-4)");
                Assert.That(fresh.Content.Subject, Is.EqualTo("ours"));
                Assert.That(h.LinkOf(todo.Id)!.ExternalId, Is.EqualTo(fresh.Id));
                Assert.That(report.CreatedOut, Is.EqualTo(1));
            });
        }
        else
        {
            Assert.Multiple(() =>
            {
                Assert.That(items, Has.Count.EqualTo(1));
                Assert.That(h.LinkOf(todo.Id)!.Active, Is.False, "excluded from synchronisation (R-DIFF-2)");
                Assert.That(after.SyncActive, Is.False);
                Assert.That(report.LinksDeactivated, Is.EqualTo(1));
            });

            // Excluded in both directions from then on.
            await h.EditAsync(todo.Id, c => c with { Subject = "leading later" });
            h.Calendar.EditExternally(original.Id, c => c with { Location = "later outside" });
            var later = await h.RunTwiceAsync();
            Assert.Multiple(() =>
            {
                Assert.That(later.Changes, Is.Zero);
                Assert.That(h.Calendar.Find(original.Id)!.Content.Subject, Is.EqualTo("private edit"));
            });
        }
    }

    [TestCase(Export)]
    [TestCase(OneWay)]
    [TestCase(TwoWay)]
    [TestCase(Full)]
    [Category("R-COND-6")]
    public async Task PrivateOrSeriesCreatedExternally_IsNeverImported(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        h.Calendar.CreateExternally(SyncHarness.Appointment("private outside", h.Now.AddDays(1)) with { IsPrivate = true });
        h.Calendar.CreateExternally(SyncHarness.Appointment("weekly outside", h.Now.AddDays(1)) with { IsRecurring = true });

        var report = await h.RunTwiceAsync();

        Assert.That(report.ImportedIn, Is.Zero);
        Assert.That(h.Leading.AllTodos(), Is.Empty);
    }

    [TestCase(Export)]
    [TestCase(OneWay)]
    [TestCase(TwoWay)]
    [TestCase(Full)]
    [Category("D-1")]
    [Category("R-GEN-3")]
    [Category("R-DIFF-3")]
    [Category("R-COND-1")]
    public async Task Candidates_EndOnOrAfterTheCutoff_NoUpperBound(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var old = await h.AddAsync(SyncHarness.Appointment("ended 13 months ago", h.Now.AddMonths(-13)));
        var recent = await h.AddAsync(SyncHarness.Appointment("11 months ago", h.Now.AddMonths(-11)));
        var far = await h.AddAsync(SyncHarness.Appointment("in three years", h.Now.AddYears(3)));
        var otherUser = await h.AddAsync(SyncHarness.Appointment("Bert's", h.Now.AddDays(1)), userId: h.UserId + 1);

        var report = await h.RunTwiceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(h.ExternalOf(old.Id), Is.Empty);
            Assert.That(h.ExternalOf(recent.Id), Has.Count.EqualTo(1));
            Assert.That(h.ExternalOf(far.Id), Has.Count.EqualTo(1), "leading items go out regardless of their date (R-DIFF-3)");
            Assert.That(h.ExternalOf(otherUser.Id), Is.Empty, "only the account user's to-dos");
            Assert.That(report.CreatedOut, Is.EqualTo(2));
        });
    }

    [TestCase(Export)]
    [TestCase(OneWay)]
    [TestCase(TwoWay)]
    [TestCase(Full)]
    [Category("R-GEN-3")]
    public async Task AccountCutoff_ExcludesEverythingEndingBeforeIt(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode, cutoff: new DateOnly(2026, 6, 1));
        // The cutoff is 1 June 00:00 in the database's zone (Europe/Berlin, UTC+2 in summer) = 31 May 22:00 UTC.
        var before = await h.AddAsync(SyncHarness.Appointment("May", new DateTimeOffset(2026, 5, 31, 20, 30, 0, TimeSpan.Zero)));
        var justAfter = await h.AddAsync(SyncHarness.Appointment("June, 00:30 Berlin", new DateTimeOffset(2026, 5, 31, 21, 30, 0, TimeSpan.Zero)));
        var after = await h.AddAsync(SyncHarness.Appointment("June", new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero)));

        await h.RunTwiceAsync();

        Assert.That(h.ExternalOf(before.Id), Is.Empty);
        Assert.That(h.ExternalOf(justAfter.Id), Has.Count.EqualTo(1));
        Assert.That(h.ExternalOf(after.Id), Has.Count.EqualTo(1));
    }

    [TestCase(Export)]
    [TestCase(OneWay)]
    [TestCase(TwoWay)]
    [TestCase(Full)]
    [Category("D-2")]
    public async Task LeftTheWindow_IsNeverDeletedOnEitherSide(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var todo = await h.AddAppointmentAsync("soon");
        var task = await h.AddAsync(SyncHarness.TaskItem("due soon", h.Now.AddDays(1)));
        await h.RunTwiceAsync();

        h.Time.Advance(TimeSpan.FromDays(400));
        var report = await h.RunTwiceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.Changes, Is.Zero);
            Assert.That(h.ExternalOf(todo.Id), Has.Count.EqualTo(1));
            Assert.That(h.ExternalOf(task.Id), Has.Count.EqualTo(1));
            Assert.That(h.Leading.AllTodos().Where(t => !t.ExternallyDeleted).ToList(), Has.Count.EqualTo(2));
        });
    }

    [TestCase(Export)]
    [TestCase(OneWay)]
    [TestCase(TwoWay)]
    [TestCase(Full)]
    [Category("D-2")]
    public async Task WindowedListing_AnItemOutsideTheListingIsNotDeleted(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode, capabilities: new TargetCapabilities { SupportsChangeCursor = false });
        h.Calendar.WindowedListing = true;
        var far = await h.AddAsync(SyncHarness.Appointment("in two years", h.Now.AddYears(2)));
        var near = await h.AddAppointmentAsync("near");

        var report = await h.RunTwiceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.CreatedOut, Is.EqualTo(2));
            Assert.That(h.ExternalOf(far.Id), Has.Count.EqualTo(1));
            Assert.That(h.ExternalOf(near.Id), Has.Count.EqualTo(1));
            Assert.That(h.Leading.AllTodos().Any(t => t.ExternallyDeleted), Is.False);
        });
    }

    [TestCase(Export)]
    [TestCase(OneWay)]
    [TestCase(TwoWay)]
    [TestCase(Full)]
    [Category("R-COND-5")]
    public async Task TaskWithoutDueDate_IsNeverSynchronised(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var undated = await h.AddAsync(SyncHarness.TaskItem("someday", due: null, start: h.Now));
        var dated = await h.AddAsync(SyncHarness.TaskItem("due", h.Now.AddDays(2)));
        h.Calendar.CreateExternally(SyncHarness.TaskItem("outside, undated", null));

        var report = await h.RunTwiceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(h.ExternalOf(undated.Id), Is.Empty);
            Assert.That(h.SingleExternalOf(dated.Id).Content.Kind, Is.EqualTo(TodoKind.Task));
            Assert.That(h.Leading.AllTodos(), Has.Count.EqualTo(2), "an undated external task is not imported");
            Assert.That(report.CreatedOut, Is.EqualTo(1));
        });
    }

    [TestCase(Export)]
    [TestCase(OneWay)]
    [TestCase(TwoWay)]
    [TestCase(Full)]
    [Category("R-COND-2")]
    [Category("D-5")]
    public async Task EmptySubject_IsWrittenAsFullStop(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var todo = await h.AddAsync(SyncHarness.Appointment("", h.Now.AddDays(1)));
        h.Calendar.CreateExternally(SyncHarness.Appointment("  ", h.Now.AddDays(2)));

        await h.RunTwiceAsync();

        Assert.That(h.SingleExternalOf(todo.Id).Content.Subject, Is.EqualTo("."));
        Assert.That((await h.GetAsync(todo.Id))!.Content.Subject, Is.Empty, "the leading item is not changed by the rule");
        if (mode == Full)
        {
            Assert.That(h.Leading.AllTodos().Single(t => t.Id != todo.Id).Content.Subject, Is.EqualTo("."), "D-5");
        }
    }

    [TestCase(Export)]
    [TestCase(OneWay)]
    [TestCase(TwoWay)]
    [TestCase(Full)]
    [Category("R-APT-4")]
    [Category("R-TSK-3")]
    [Category("R-NOTE-3")]
    public async Task Reminders_OnlyOut_OnlyAfterTheRunAndBeforeTheStart(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var start = h.Now.AddDays(2);
        var valid = await h.AddAsync(SyncHarness.Appointment("valid", start) with { Reminder = start.AddMinutes(-15) });
        var past = await h.AddAsync(SyncHarness.Appointment("past", start) with { Reminder = h.Now.AddHours(-1) });
        var afterStart = await h.AddAsync(SyncHarness.Appointment("after start", start) with { Reminder = start.AddMinutes(5) });
        var task = await h.AddAsync(SyncHarness.TaskItem("task", start, start.AddDays(-1)) with { Reminder = start.AddDays(-1).AddHours(-1) });

        await h.RunTwiceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(h.SingleExternalOf(valid.Id).Content.Reminder, Is.EqualTo(start.AddMinutes(-15)));
            Assert.That(h.SingleExternalOf(past.Id).Content.Reminder, Is.Null);
            Assert.That(h.SingleExternalOf(afterStart.Id).Content.Reminder, Is.Null);
            Assert.That(h.SingleExternalOf(task.Id).Content.Reminder, Is.EqualTo(start.AddDays(-1).AddHours(-1)));
        });

        // An external reminder change never comes back and is no change at all (R-NOTE-3).
        h.Calendar.EditExternally(h.SingleExternalOf(valid.Id).Id, c => c with { Reminder = start.AddHours(-5) });
        var report = await h.RunTwiceAsync();
        Assert.Multiple(() =>
        {
            Assert.That(report.UpdatedIn + report.UpdatedOut, Is.Zero);
            Assert.That((h.GetAsync(valid.Id).Result)!.Content.Reminder, Is.EqualTo(start.AddMinutes(-15)));
        });
    }

    [TestCase(Export)]
    [TestCase(OneWay)]
    [TestCase(TwoWay)]
    [TestCase(Full)]
    [Category("R-NOTE-1")]
    public async Task HtmlDescription_ComesInAsPlainText(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var todo = await h.AddAppointmentAsync("meeting");
        await h.RunTwiceAsync();
        h.Calendar.EditExternally(h.SingleExternalOf(todo.Id).Id, c => c with
        {
            Description = "<html><body><p>Hello&nbsp;team,</p><ul><li>one</li><li>two</li></ul><p>See <a href=\"https://example.org\">site</a></p></body></html>",
            DescriptionFormat = DescriptionFormat.Html,
        });

        await h.RunTwiceAsync();

        Assert.That(
            (await h.GetAsync(todo.Id))!.Content.Description,
            Is.EqualTo(Incoming(mode) ? "Hello team,\n\n- one\n- two\n\nSee site (https://example.org)" : null));
    }

    [TestCase(Export)]
    [TestCase(OneWay)]
    [TestCase(TwoWay)]
    [TestCase(Full)]
    [Category("R-NOTE-2")]
    public async Task DoubledLineBreaks_NeverGrowTheDescriptionNorCountAsChange(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode, capabilities: new TargetCapabilities { SupportsChangeCursor = false });
        h.Calendar.DoubleLineBreaks = true;
        var todo = await h.AddAsync(SyncHarness.Appointment("notes", h.Now.AddDays(1)) with { Description = "line one\r\nline two\n\nparagraph" });
        await h.RunTwiceAsync();
        var external = h.SingleExternalOf(todo.Id);
        Assert.That(external.Content.Description, Does.Contain("\n\n\n\n"), "the server doubled the breaks");

        h.Calendar.TouchExternally(external.Id); // a re-save with a new version, same text
        h.Calendar.EditExternally(external.Id, c => c with { Description = c.Description!.Replace("\n", "\r\n", StringComparison.Ordinal) });
        var report = await h.RunTwiceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.UpdatedIn + report.UpdatedOut, Is.Zero);
            Assert.That((h.GetAsync(todo.Id).Result)!.Content.Description, Is.EqualTo("line one\r\nline two\n\nparagraph"), "never grows");
        });
    }

    [TestCase(Export)]
    [TestCase(OneWay)]
    [TestCase(TwoWay)]
    [TestCase(Full)]
    [Category("R-TSK-1")]
    [Category("R-TSK-2")]
    public async Task Tasks_GoOutWithStatusAndDue(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var task = await h.AddAsync(SyncHarness.TaskItem("write offer", h.Now.AddDays(3)) with { Status = TodoStatus.Waiting, Priority = Priority.Low });

        await h.RunTwiceAsync();

        var item = h.SingleExternalOf(task.Id);
        Assert.Multiple(() =>
        {
            Assert.That(item.Kind, Is.EqualTo(TodoKind.Task));
            Assert.That(item.Content.Status, Is.EqualTo(TodoStatus.Waiting));
            Assert.That(item.Content.Priority, Is.EqualTo(Priority.Low));
            Assert.That(h.LinkOf(task.Id, LinkKind.Task), Is.Not.Null);
        });
    }
}
