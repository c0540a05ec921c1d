using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.Core.Sync;
using ProadSync.TestKit;

namespace ProadSync.Core.Tests;

/// <summary>Interrupted runs, version conflicts, the circuit breaker, dry runs and failure isolation.</summary>
[TestFixture]
public sealed class RobustnessTests
{
    [TestCase(SyncMode.Export)]
    [TestCase(SyncMode.OneWay)]
    [TestCase(SyncMode.TwoWay)]
    [TestCase(SyncMode.Full)]
    [Description("Crash between the external create and the link save: the next run adopts the item, no duplicate.")]
    public async Task CrashAfterExternalCreate_NextRunAdopts_NoDuplicate(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var todo = await h.AddAppointmentAsync("created before the crash");
        h.Calendar.Faults.FailNth(TargetOperation.Create, 1, () => new IOException("connection reset after the server stored the item"), afterEffect: true);

        var first = await h.RunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(first.Failed, Has.Count.EqualTo(1));
            Assert.That(h.ExternalOf(todo.Id), Has.Count.EqualTo(1), "the server has it");
            Assert.That(h.LinkOf(todo.Id), Is.Null, "the link was never saved");
        });

        var second = await h.RunTwiceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(h.Calendar.AllItems(), Has.Count.EqualTo(1), "no duplicate");
            Assert.That(h.LinkOf(todo.Id)!.ExternalId, Is.EqualTo(h.SingleExternalOf(todo.Id).Id));
            Assert.That(second.CreatedOut, Is.EqualTo(1));
            Assert.That(h.Leading.AllTodos(), Has.Count.EqualTo(1), "full sync does not import our own orphan");
        });
    }

    [Test]
    [Description("The leading store fails to save the link after the external create: the next run adopts.")]
    public async Task LinkSaveFails_NextRunAdopts()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.Full);
        var todo = await h.AddAppointmentAsync("a");
        h.Leading.FailNext(nameof(ILeadingSystem.SaveLinkAsync), () => new IOException("disk full"));

        var first = await h.RunAsync();
        await h.RunTwiceAsync();

        Assert.That(first.Failed, Has.Count.EqualTo(1));
        Assert.That(h.Calendar.AllItems(), Has.Count.EqualTo(1));
        Assert.That(h.LinkOf(todo.Id), Is.Not.Null);
        Assert.That(h.Leading.AllTodos(), Has.Count.EqualTo(1));
    }

    [TestCase(SyncMode.OneWay)]
    [TestCase(SyncMode.TwoWay)]
    [TestCase(SyncMode.Full)]
    [Category("R-GEN-1")]
    [Description("412 on update: the engine re-reads, decides again with the fresh version, journals the discarded edit.")]
    public async Task VersionConflictOnUpdate_ReReadsAndDecidesAgain(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var todo = await h.AddAppointmentAsync("v1");
        await h.RunTwiceAsync();
        var externalId = h.SingleExternalOf(todo.Id).Id;
        await h.EditAsync(todo.Id, c => c with { Subject = "leading v2" });
        h.Calendar.Faults.BeforeNth(TargetOperation.Update, 1, () => h.Calendar.EditExternally(externalId, c => c with { Subject = "sneaked in" }));

        var report = await h.RunTwiceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.Failed, Is.Empty);
            Assert.That(report.UpdatedOut, Is.EqualTo(1));
            Assert.That(h.Calendar.Find(externalId)!.Content.Subject, Is.EqualTo("leading v2"));
            Assert.That(h.Leading.AllJournal().Single().ContentJson, Does.Contain("sneaked in"), "never a blind overwrite: the edit is kept");
        });
    }

    [TestCase(SyncMode.OneWay)]
    [TestCase(SyncMode.TwoWay)]
    [Category("R-GEN-1")]
    public async Task VersionConflictOnDelete_ReReadsAndDeletes_AndReportsTheDiscardedEdit(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var todo = await h.AddAppointmentAsync("v1");
        await h.RunTwiceAsync();
        var externalId = h.SingleExternalOf(todo.Id).Id;
        await h.Leading.DeleteTodoAsync(todo.Id, CancellationToken.None);
        h.Calendar.Faults.BeforeNth(TargetOperation.Delete, 1, () => h.Calendar.EditExternally(externalId, c => c with { Subject = "edited meanwhile" }));

        var report = await h.RunTwiceAsync();

        Assert.That(report.DeletedOut, Is.EqualTo(1));
        Assert.That(h.Calendar.AllItems(), Is.Empty);

        // The to-do is gone and its journal with it (as in the SQLite store): the run's report names the discarded edit.
        Assert.That(h.Leading.AllJournal(), Is.Empty);
        Assert.That(report.Warnings, Has.Some.Contains("edited meanwhile"));
    }

    [Test]
    public async Task ConflictThatNeverEnds_IsReportedForThatItemOnly()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.OneWay);
        var a = await h.AddAppointmentAsync("a");
        var b = await h.AddAppointmentAsync("b");
        await h.RunTwiceAsync();
        await h.EditAsync(a.Id, c => c with { Subject = "a2" });
        await h.EditAsync(b.Id, c => c with { Subject = "b2" });
        var aId = h.SingleExternalOf(a.Id).Id;
        for (var i = 1; i <= 10; i++)
        {
            h.Calendar.Faults.BeforeNth(TargetOperation.Update, i, () => h.Calendar.TouchExternally(aId));
        }

        var report = await h.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.Failed.Select(f => f.LeadingId), Is.EqualTo(new long?[] { a.Id }));
            Assert.That(h.SingleExternalOf(b.Id).Content.Subject, Is.EqualTo("b2"));
            Assert.That(report.Outcome, Is.EqualTo("partial"));
        });
    }

    [TestCase(SyncMode.OneWay)]
    [TestCase(SyncMode.TwoWay)]
    [TestCase(SyncMode.Full)]
    [Description("Mass-delete circuit breaker: leading deletes.")]
    public async Task CircuitBreaker_StopsAMassDelete_UntilConfirmed(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var todos = new List<Todo>();
        for (var i = 0; i < 12; i++)
        {
            todos.Add(await h.AddAppointmentAsync("item " + i, daysFromNow: 1 + i));
        }

        await h.RunTwiceAsync();
        foreach (var todo in todos.Take(10))
        {
            await h.Leading.DeleteTodoAsync(todo.Id, CancellationToken.None);
        }

        var newOne = await h.AddAppointmentAsync("new meanwhile");
        var before = h.Snapshot();

        var stopped = await h.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(stopped.StoppedByCircuitBreaker, Is.True);
            Assert.That(stopped.Outcome, Is.EqualTo("refused"));
            Assert.That(stopped.CircuitBreakerMessage, Does.Contain("--allow-mass-delete"));
            Assert.That(stopped.Changes, Is.Zero);
            Assert.That(h.Snapshot(), Is.EqualTo(before), "no change at all on either side");
            Assert.That(h.ExternalOf(newOne.Id), Is.Empty);
        });

        var confirmed = await h.RunTwiceAsync(new RunOptions { AllowMassDelete = true });
        Assert.That(confirmed.DeletedOut, Is.EqualTo(10));
        Assert.That(h.Calendar.AllItems(), Has.Count.EqualTo(3));
    }

    [Test]
    [Category("R-MODE-2WAY-4")]
    [Description("Mass-delete circuit breaker: a wiped external calendar would mark everything externally deleted.")]
    public async Task CircuitBreaker_StopsMassExternalDeletes()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.TwoWay);
        for (var i = 0; i < 12; i++)
        {
            await h.AddAppointmentAsync("item " + i, daysFromNow: 1 + i);
        }

        await h.RunTwiceAsync();
        foreach (var item in h.Calendar.AllItems().Skip(1))
        {
            h.Calendar.DeleteExternally(item.Id);
        }

        var report = await h.RunAsync();

        Assert.That(report.StoppedByCircuitBreaker, Is.True);
        Assert.That(h.Leading.AllTodos().Any(t => t.ExternallyDeleted), Is.False);
    }

    [Test]
    public async Task CircuitBreaker_BelowTheMinimum_Proceeds()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.OneWay);
        var todos = new List<Todo>();
        for (var i = 0; i < 6; i++)
        {
            todos.Add(await h.AddAppointmentAsync("item " + i));
        }

        await h.RunTwiceAsync();
        foreach (var todo in todos.Take(5))
        {
            await h.Leading.DeleteTodoAsync(todo.Id, CancellationToken.None);
        }

        var report = await h.RunTwiceAsync();

        Assert.That(report.StoppedByCircuitBreaker, Is.False);
        Assert.That(report.DeletedOut, Is.EqualTo(5));
    }

    [TestCase(SyncMode.OneWay)]
    [TestCase(SyncMode.TwoWay)]
    [TestCase(SyncMode.Full)]
    public async Task DryRun_ReturnsThePlan_AndTouchesNothing(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var updated = await h.AddAppointmentAsync("to update");
        var deleted = await h.AddAppointmentAsync("to delete");
        var editedOutside = await h.AddAppointmentAsync("edited outside");
        await h.RunTwiceAsync();
        var created = await h.AddAppointmentAsync("new");
        await h.EditAsync(updated.Id, c => c with { Subject = "updated" });
        await h.Leading.DeleteTodoAsync(deleted.Id, CancellationToken.None);
        h.Calendar.EditExternally(h.SingleExternalOf(editedOutside.Id).Id, c => c with { Subject = "outside" });
        h.Calendar.CreateExternally(SyncHarness.Appointment("foreign", h.Now.AddDays(1)));
        var before = h.Snapshot();
        var cursorBefore = await h.Leading.GetStateAsync(h.Account.Id, "cursor:appointment", CancellationToken.None);
        var writesBefore = Writes(h);

        var plan = await h.RunAsync(new RunOptions { DryRun = true });
        var again = await h.RunAsync(new RunOptions { DryRun = true });

        var cursorAfter = await h.Leading.GetStateAsync(h.Account.Id, "cursor:appointment", CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(h.Snapshot(), Is.EqualTo(before));
            Assert.That(Writes(h), Is.EqualTo(writesBefore), "no write call reached the target");
            Assert.That(cursorAfter, Is.EqualTo(cursorBefore));
            Assert.That(plan.DryRun, Is.True);
            Assert.That(plan.Outcome, Is.EqualTo("dry-run"));
            Assert.That(plan.Changes, Is.Zero);
            Assert.That(plan.Plan.Single(p => p.LeadingId == created.Id).Action, Is.EqualTo(PlanAction.CreateExternal));
            Assert.That(plan.Plan.Single(p => p.LeadingId == updated.Id).Action, Is.EqualTo(PlanAction.UpdateExternal));
            Assert.That(plan.Plan.Single(p => p.LeadingId == deleted.Id).Action, Is.EqualTo(PlanAction.DeleteExternal));
            Assert.That(plan.Plan.Any(p => p.LeadingId == editedOutside.Id), Is.EqualTo(mode != SyncMode.OneWay));
            Assert.That(plan.Plan.Count(p => p.Action == PlanAction.ImportLeading), Is.EqualTo(mode == SyncMode.Full ? 1 : 0));
            Assert.That(again.Plan, Is.EqualTo(plan.Plan), "a dry run does not move the cursor");
        });
    }

    private static int Writes(SyncHarness h) =>
        h.Calendar.Faults.Calls(TargetOperation.Create) + h.Calendar.Faults.Calls(TargetOperation.Update) + h.Calendar.Faults.Calls(TargetOperation.Delete);

    [Test]
    public async Task RejectedItem_IsRecorded_AndTheRunGoesOn()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.OneWay);
        var todos = new[] { await h.AddAppointmentAsync("a"), await h.AddAppointmentAsync("b"), await h.AddAppointmentAsync("c") };
        h.Calendar.Faults.FailNth(TargetOperation.Create, 2, () => new ItemRejectedException("The server refused 'b': too large."));

        var first = await h.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.CreatedOut, Is.EqualTo(2));
            Assert.That(first.Failed.Single().LeadingId, Is.EqualTo(todos[1].Id));
            Assert.That(first.Failed.Single().Message, Does.Contain("too large"));
            Assert.That(first.Outcome, Is.EqualTo("partial"));
        });

        var second = await h.RunTwiceAsync();
        Assert.That(second.CreatedOut, Is.EqualTo(1));
        Assert.That(h.Calendar.AllItems(), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task UnexpectedErrorForOneItem_IsRecorded_AndTheRunGoesOn()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.TwoWay);
        var a = await h.AddAppointmentAsync("a");
        var b = await h.AddAppointmentAsync("b");
        await h.RunTwiceAsync();
        await h.EditAsync(a.Id, c => c with { Subject = "a2" });
        await h.EditAsync(b.Id, c => c with { Subject = "b2" });
        h.Calendar.Faults.FailNth(TargetOperation.Update, 1, () => new InvalidOperationException("bug in a plugin"));

        var report = await h.RunAsync();

        Assert.That(report.Failed, Has.Count.EqualTo(1));
        Assert.That(report.UpdatedOut, Is.EqualTo(1));
        await h.RunTwiceAsync();
        Assert.That(h.SingleExternalOf(a.Id).Content.Subject, Is.EqualTo("a2"));
        Assert.That(h.SingleExternalOf(b.Id).Content.Subject, Is.EqualTo("b2"));
    }

    [Test]
    public async Task MalformedExternalItem_IsReported_AndItsChangeIsNotLost()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.TwoWay);
        var a = await h.AddAppointmentAsync("a");
        var b = await h.AddAppointmentAsync("b");
        await h.RunTwiceAsync();
        var aId = h.SingleExternalOf(a.Id).Id;
        h.Calendar.EditExternally(aId, c => c with { Subject = "a outside" });
        h.Calendar.SetMalformed(aId);
        h.Calendar.EditExternally(h.SingleExternalOf(b.Id).Id, c => c with { Subject = "b outside" });

        var report = await h.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.Failed.Single().ExternalId, Is.EqualTo(aId));
            Assert.That(h.GetAsync(b.Id).Result!.Content.Subject, Is.EqualTo("b outside"));
            Assert.That(h.GetAsync(a.Id).Result!.ExternallyDeleted, Is.False);
        });

        h.Calendar.SetMalformed(aId, malformed: false);
        h.Calendar.Faults.Clear();
        await h.RunTwiceAsync();
        Assert.That(h.GetAsync(a.Id).Result!.Content.Subject, Is.EqualTo("a outside"));
    }

    [Test]
    public async Task A_warning_of_an_item_read_all_the_same_goes_into_the_report()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.TwoWay);
        var a = await h.AddAppointmentAsync("a");
        await h.RunTwiceAsync();
        var aId = h.SingleExternalOf(a.Id).Id;
        h.Calendar.EditExternally(aId, c => c with { Subject = "a outside" });
        h.Calendar.SetWarning(aId, "The file 'a.ics' is not valid UTF-8 as iCalendar requires; it was read as Windows-1252.");

        var report = await h.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.Outcome, Is.EqualTo("succeeded"));
            Assert.That(report.Warnings, Is.EqualTo(new[] { "The file 'a.ics' is not valid UTF-8 as iCalendar requires; it was read as Windows-1252." }));
            Assert.That(h.GetAsync(a.Id).Result!.Content.Subject, Is.EqualTo("a outside"), "the item was taken in all the same");
        });
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task FatalErrors_EndTheRunClassified(int which)
    {
        var h = await SyncHarness.CreateAsync(SyncMode.TwoWay);
        await h.AddAppointmentAsync("a");
        Exception error = which switch
        {
            0 => new TargetAuthenticationException("The server refused the password."),
            1 => new TargetAuthenticationException("The password expired.", credentialsExpired: true),
            2 => new TargetConfigurationException("The calendar does not exist."),
            _ => new TransientTargetException("The server is busy."),
        };
        h.Calendar.Faults.FailNth(TargetOperation.GetChanges, 1, () => error);
        var before = h.Snapshot();

        var report = await h.RunAsync();

        var expected = new[] { FatalErrorKind.Authentication, FatalErrorKind.CredentialsExpired, FatalErrorKind.Configuration, FatalErrorKind.Transient }[which];
        Assert.Multiple(() =>
        {
            Assert.That(report.FatalError, Is.EqualTo(expected));
            Assert.That(report.FatalMessage, Is.EqualTo(error.Message));
            Assert.That(report.Outcome, Is.EqualTo("failed"));
            Assert.That(h.Snapshot(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task AuthenticationErrorDuringWrites_EndsTheRun()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.OneWay);
        await h.AddAppointmentAsync("a");
        await h.AddAppointmentAsync("b");
        h.Calendar.Faults.FailNth(TargetOperation.Create, 1, () => new TargetAuthenticationException("Token revoked."));

        var report = await h.RunAsync();

        Assert.That(report.FatalError, Is.EqualTo(FatalErrorKind.Authentication));
        Assert.That(h.Calendar.AllItems(), Is.Empty);
        await h.RunTwiceAsync();
        Assert.That(h.Calendar.AllItems(), Has.Count.EqualTo(2));
    }

    [TestCase(SyncMode.TwoWay, true)]
    [TestCase(SyncMode.Full, true)]
    [TestCase(SyncMode.OneWay, false)]
    [TestCase(SyncMode.TwoWay, false)]
    [Description("vdirsyncer's rule: a suddenly empty listing is no information.")]
    public async Task SuddenlyEmptyListing_IsIgnored(SyncMode mode, bool cursor)
    {
        var h = await SyncHarness.CreateAsync(mode, capabilities: new TargetCapabilities { SupportsChangeCursor = cursor });
        await h.AddAppointmentAsync("a");
        await h.AddAppointmentAsync("b");
        await h.RunTwiceAsync();
        h.Calendar.ListNothing = true;
        await h.EditAsync(h.Leading.AllTodos()[0].Id, c => c with { Subject = "changed" });
        var before = h.Snapshot();

        var report = await h.RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(report.Warnings, Has.Some.Contains("listed no appointments"));
            Assert.That(report.Changes, Is.Zero);
            Assert.That(h.Snapshot(), Is.EqualTo(before));
        });

        h.Calendar.ListNothing = false;
        var back = await h.RunTwiceAsync();
        Assert.That(back.UpdatedOut, Is.EqualTo(1));
        Assert.That(h.Leading.AllTodos().Any(t => t.ExternallyDeleted), Is.False);
    }

    [TestCase(SyncMode.TwoWay)]
    [TestCase(SyncMode.Full)]
    [Category("R-NOTE-2")]
    public async Task VersionChangeWithoutContentChange_IsNoChange(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var todo = await h.AddAppointmentAsync("a");
        await h.RunTwiceAsync();
        var external = h.SingleExternalOf(todo.Id);
        h.Calendar.TouchExternally(external.Id);

        var report = await h.RunTwiceAsync();

        Assert.That(report.UpdatedIn + report.UpdatedOut, Is.Zero);
        Assert.That(h.GetAsync(todo.Id).Result!.Revision, Is.EqualTo(todo.Revision));
        Assert.That(h.LinkOf(todo.Id)!.ExternalVersion, Is.EqualTo(h.Calendar.Find(external.Id)!.Version.Value));
    }

    [Test]
    [Category("R-GEN-1")]
    public async Task LeadingChangedDuringInbound_LeadingWinsNextRun()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.TwoWay);
        var todo = await h.AddAppointmentAsync("a");
        await h.RunTwiceAsync();
        var externalId = h.SingleExternalOf(todo.Id).Id;
        h.Calendar.EditExternally(externalId, c => c with { Subject = "outside" });
        h.Calendar.Faults.BeforeNth(TargetOperation.Get, 1, () => h.EditAsync(todo.Id, c => c with { Subject = "user typed meanwhile" }).GetAwaiter().GetResult());

        var first = await h.RunAsync();
        Assert.That(first.Skipped, Has.Some.Matches<SkippedItem>(s => s.Reason.Contains("leading version wins", StringComparison.Ordinal)));
        Assert.That(h.GetAsync(todo.Id).Result!.Content.Subject, Is.EqualTo("user typed meanwhile"));

        await h.RunTwiceAsync();
        Assert.That(h.Calendar.Find(externalId)!.Content.Subject, Is.EqualTo("user typed meanwhile"));
        Assert.That(h.Leading.AllJournal().Single().ContentJson, Does.Contain("outside"));
    }

    [Test]
    public async Task ParallelWrites_CreateEveryItemExactlyOnce()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.TwoWay, capabilities: new TargetCapabilities { SupportsChangeCursor = true, MaxParallelWrites = 4 });
        for (var i = 0; i < 40; i++)
        {
            await h.AddAppointmentAsync("item " + i, daysFromNow: i);
        }

        var report = await h.RunTwiceAsync(new RunOptions { MaxParallelWrites = 8 });

        Assert.That(report.CreatedOut, Is.EqualTo(40));
        Assert.That(h.Calendar.AllItems().Select(i => i.Identity).Distinct().Count(), Is.EqualTo(40));
        Assert.That(h.Leading.AllLinks(), Has.Count.EqualTo(40));
    }

    [Test]
    public async Task TargetWithoutTasks_LeavesTasksAlone()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.Full, capabilities: new TargetCapabilities { SupportsTasks = false, SupportsChangeCursor = true });
        await h.AddAsync(SyncHarness.TaskItem("task", h.Now.AddDays(1)));
        await h.AddAppointmentAsync("appointment");

        var report = await h.RunTwiceAsync();

        Assert.That(report.CreatedOut, Is.EqualTo(1));
        Assert.That(h.Calendar.Items(TodoKind.Task), Is.Empty);
    }

    [Test]
    public async Task Report_SerialisesToJson_WithEnumNames()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.OneWay);
        await h.AddAppointmentAsync("a");

        var report = await h.RunAsync(new RunOptions { DryRun = true });

        var json = report.ToJson();
        Assert.That(json, Does.Contain("\"action\": \"CreateExternal\""));
        Assert.That(json, Does.Contain("\"mode\": \"OneWay\"").Or.Contain("\"mode\": 1"));
        Assert.That(report.ToSummary(), Does.Contain("dry run"));
    }

    [Test]
    [Category("R-TSK-1")]
    [Category("R-MODE-2WAY-1")]
    public async Task DateOnlyTaskTarget_KeepsTheLeadingTime_AndSeesNoFalseChange()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.TwoWay, capabilities: new TargetCapabilities { SupportsChangeCursor = true, TaskDatesAreDateOnly = true });
        var due = new DateTimeOffset(2026, 7, 3, 14, 30, 0, TimeSpan.FromHours(2));
        var task = await h.AddAsync(SyncHarness.TaskItem("call back", due));
        await h.RunTwiceAsync();
        var external = h.SingleExternalOf(task.Id);
        Assert.That(external.Content.End, Is.EqualTo(new DateTimeOffset(2026, 7, 3, 0, 0, 0, TimeSpan.FromHours(2))));

        h.Calendar.EditExternally(external.Id, c => c with { Subject = "call back today" });
        var report = await h.RunTwiceAsync();

        var after = (await h.GetAsync(task.Id))!;
        Assert.Multiple(() =>
        {
            Assert.That(report.UpdatedIn, Is.EqualTo(1));
            Assert.That(after.Content.Subject, Is.EqualTo("call back today"));
            Assert.That(after.Content.End, Is.EqualTo(due), "the date-only target kept the same date: the leading time stays");
        });
    }

    [Test]
    [Category("R-MODE-FULL-1")]
    public async Task FullSync_DoesNotImportItemsTaggedByAnotherDatabase()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.Full);
        h.Calendar.CreateExternally(SyncHarness.Appointment("from the other tenant", h.Now.AddDays(1)) with { SourceTag = "Other:17" }, "proadsync-other-17");
        h.Calendar.CreateExternally(SyncHarness.Appointment("plain", h.Now.AddDays(1)));

        var report = await h.RunTwiceAsync();

        Assert.That(report.ImportedIn, Is.EqualTo(1));
        Assert.That(h.Leading.AllTodos().Single().Content.Subject, Is.EqualTo("plain"));
    }

    [Test]
    [Category("R-DIFF-4")]
    public async Task FullSync_ImportsByStartOrEnd_AndTasksByDue()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.Full);
        var cutoff = h.Now.AddMonths(-12);
        h.Calendar.CreateExternally(SyncHarness.Appointment("ends inside", cutoff.AddHours(-2), hours: 4));
        h.Calendar.CreateExternally(SyncHarness.Appointment("entirely before", cutoff.AddDays(-2)));
        h.Calendar.CreateExternally(SyncHarness.Appointment("too far ahead", h.Now.AddMonths(13)));
        h.Calendar.CreateExternally(SyncHarness.TaskItem("due inside, started long ago", h.Now.AddDays(3), start: h.Now.AddYears(-3)));
        h.Calendar.CreateExternally(SyncHarness.TaskItem("due outside", h.Now.AddMonths(-14), start: h.Now.AddDays(-1)));

        await h.RunTwiceAsync();

        Assert.That(h.Leading.AllTodos().Select(t => t.Content.Subject), Is.EquivalentTo(new[] { "ends inside", "due inside, started long ago" }));

        // Time brings the far item into the window: it is imported then, even with a change cursor.
        h.Time.Advance(TimeSpan.FromDays(40));
        await h.RunTwiceAsync();
        Assert.That(h.Leading.AllTodos().Select(t => t.Content.Subject), Does.Contain("too far ahead"));
    }

    [Test]
    public void Report_BecomesARunRecord()
    {
        var report = new RunReport { AccountId = 3, Mode = SyncMode.TwoWay, StartedAt = SyncHarness.Start, FinishedAt = SyncHarness.Start.AddSeconds(2), FatalError = FatalErrorKind.Transient, FatalMessage = "busy" };

        var record = report.ToRunRecord();

        Assert.Multiple(() =>
        {
            Assert.That(record.Outcome, Is.EqualTo("failed"));
            Assert.That(record.Error, Is.EqualTo("busy"));
            Assert.That(record.SummaryJson, Does.Contain("\"fatalError\": \"Transient\""));
        });
    }

    [TestCase(SyncMode.OneWay)]
    [TestCase(SyncMode.TwoWay)]
    [Description("Crash after the external update, before the link save: the next run sees its own write, no journal, no second write.")]
    public async Task CrashAfterExternalUpdate_NextRunRecognisesItsOwnWrite(SyncMode mode)
    {
        var h = await SyncHarness.CreateAsync(mode);
        var todo = await h.AddAppointmentAsync("v1");
        await h.RunTwiceAsync();
        await h.EditAsync(todo.Id, c => c with { Subject = "v2" });
        h.Calendar.Faults.FailNth(TargetOperation.Update, 1, () => new OperationCanceledException("killed"), afterEffect: true);

        Assert.ThrowsAsync<OperationCanceledException>(() => h.RunAsync());
        var report = await h.RunTwiceAsync();

        Assert.Multiple(() =>
        {
            Assert.That(h.SingleExternalOf(todo.Id).Content.Subject, Is.EqualTo("v2"));
            Assert.That(report.UpdatedOut, Is.Zero, "the write already happened");
            Assert.That(h.Leading.AllJournal(), Is.Empty, "our own write is not an external edit");
            Assert.That(h.LinkOf(todo.Id)!.LeadingRevision, Is.EqualTo(2));
        });
    }
}
