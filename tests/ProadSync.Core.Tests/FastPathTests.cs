using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.Core.Sync;
using ProadSync.TestKit;

namespace ProadSync.Core.Tests;

/// <summary>
/// Issue 4 (benchmark): a run that finds nothing changed on either side — the leading store's change counter, the
/// account's settings and the target's delta — reads no to-dos, links or contacts. Anything else makes a full pass.
/// </summary>
public sealed class FastPathTests
{
    private const string MarkKey = "leading-counter";

    /// <summary>Runs until a run takes the fast path (at most four runs) and returns that run's report.</summary>
    private static async Task<RunReport> SettleAsync(SyncHarness h)
    {
        for (var i = 0; i < 4; i++)
        {
            var report = await h.RunAsync();
            Assert.That(report.FatalError, Is.EqualTo(FatalErrorKind.None), report.ToSummary());
            if (report.NoChangeFastPath)
            {
                return report;
            }
        }

        Assert.Fail("no run took the no-change fast path within four runs");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Runs once and tells whether the run read the to-dos (a full pass) and how often it asked the target for changes.</summary>
    private static async Task<(RunReport Report, bool FullPass, int ChangeReads)> RunCountingAsync(SyncHarness h)
    {
        var lists = h.Leading.ListTodosCalls;
        var changeReads = h.Calendar.Faults.Calls(TargetOperation.GetChanges);
        var report = await h.RunAsync();
        return (report, h.Leading.ListTodosCalls > lists, h.Calendar.Faults.Calls(TargetOperation.GetChanges) - changeReads);
    }

    private static async Task<SyncHarness> SyncedAsync(SyncMode mode, DateOnly? cutoff = null)
    {
        var h = await SyncHarness.CreateAsync(mode, cutoff: cutoff);
        await h.AddAppointmentAsync("one");
        await h.AddAppointmentAsync("two", daysFromNow: 3);
        await h.AddAsync(SyncHarness.TaskItem("task", h.Now.AddDays(4)));
        var first = await h.RunAsync();
        Assert.That(first.CreatedOut, Is.EqualTo(3), first.ToSummary());
        await SettleAsync(h);
        return h;
    }

    [TestCase(SyncMode.Export)]
    [TestCase(SyncMode.OneWay)]
    [TestCase(SyncMode.TwoWay)]
    [TestCase(SyncMode.Full)]
    public async Task NothingChanged_SkipsReadingTheLeadingItems(SyncMode mode)
    {
        var h = await SyncedAsync(mode);
        var before = h.Snapshot();

        var (report, fullPass, changeReads) = await RunCountingAsync(h);

        Assert.Multiple(() =>
        {
            Assert.That(report.NoChangeFastPath, Is.True, report.ToSummary());
            Assert.That(fullPass, Is.False, "the to-dos were not read");
            Assert.That(changeReads, Is.EqualTo(2), "one change read per kind");
            Assert.That(report.Changes, Is.Zero);
            Assert.That(report.Failed, Is.Empty);
            Assert.That(h.Snapshot(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task DryRun_NeverTakesTheFastPath()
    {
        var h = await SyncedAsync(SyncMode.TwoWay);

        var lists = h.Leading.ListTodosCalls;
        var report = await h.RunAsync(new RunOptions { DryRun = true });

        Assert.That(report.NoChangeFastPath, Is.False);
        Assert.That(h.Leading.ListTodosCalls, Is.GreaterThan(lists));
    }

    [Test]
    public async Task LeadingEdit_ForcesAFullPass_AndIsExported()
    {
        var h = await SyncedAsync(SyncMode.TwoWay);
        var todo = h.Leading.AllTodos().First(t => t.Content.Subject == "one");
        await h.EditAsync(todo.Id, c => c with { Subject = "one, edited" });

        var (report, fullPass, changeReads) = await RunCountingAsync(h);

        Assert.Multiple(() =>
        {
            Assert.That(fullPass, Is.True);
            Assert.That(report.NoChangeFastPath, Is.False);
            Assert.That(changeReads, Is.EqualTo(2), "the change sets read for the fast-path check are reused");
            Assert.That(report.UpdatedOut, Is.EqualTo(1), report.ToSummary());
            Assert.That(h.SingleExternalOf(todo.Id).Content.Subject, Is.EqualTo("one, edited"));
        });
        await SettleAsync(h);
    }

    [Test]
    public async Task LeadingDelete_ForcesAFullPass_AndDeletesTheExternalItem()
    {
        var h = await SyncedAsync(SyncMode.TwoWay);
        var todo = h.Leading.AllTodos().First(t => t.Content.Subject == "two");
        await h.Leading.DeleteTodoAsync(todo.Id, CancellationToken.None);

        var (report, fullPass, _) = await RunCountingAsync(h);

        Assert.Multiple(() =>
        {
            Assert.That(fullPass, Is.True);
            Assert.That(report.DeletedOut, Is.EqualTo(1), report.ToSummary());
            Assert.That(h.ExternalOf(todo.Id), Is.Empty);
        });
        await SettleAsync(h);
    }

    [Test]
    public async Task ExternalEdit_ForcesAFullPass_AndIsApplied_WithOneChangeReadPerKind()
    {
        var h = await SyncedAsync(SyncMode.TwoWay);
        var todo = h.Leading.AllTodos().First(t => t.Content.Subject == "one");
        h.Calendar.EditExternally(h.SingleExternalOf(todo.Id).Id, c => c with { Subject = "one, edited outside" });

        var (report, fullPass, changeReads) = await RunCountingAsync(h);

        Assert.Multiple(async () =>
        {
            Assert.That(fullPass, Is.True);
            Assert.That(changeReads, Is.EqualTo(2), "GetChangesAsync is called once per kind, never twice");
            Assert.That(report.UpdatedIn, Is.EqualTo(1), report.ToSummary());
            Assert.That((await h.GetAsync(todo.Id))!.Content.Subject, Is.EqualTo("one, edited outside"));
        });
        await SettleAsync(h);
    }

    [Test]
    public async Task ExternalDelete_ForcesAFullPass_AndMarksTheToDo()
    {
        var h = await SyncedAsync(SyncMode.TwoWay);
        var todo = h.Leading.AllTodos().First(t => t.Content.Subject == "one");
        h.Calendar.DeleteExternally(h.SingleExternalOf(todo.Id).Id);

        var (report, fullPass, _) = await RunCountingAsync(h);

        Assert.Multiple(async () =>
        {
            Assert.That(fullPass, Is.True);
            Assert.That(report.MarkedDeletedIn, Is.EqualTo(1), report.ToSummary());
            Assert.That((await h.GetAsync(todo.Id))!.ExternallyDeleted, Is.True);
        });
    }

    [Test]
    public async Task ChangedMode_ForcesAFullPass()
    {
        var h = await SyncedAsync(SyncMode.TwoWay);
        await h.SetModeAsync(SyncMode.OneWay);

        var (report, fullPass, _) = await RunCountingAsync(h);

        Assert.That(fullPass, Is.True);
        Assert.That(report.NoChangeFastPath, Is.False);
        await SettleAsync(h);
    }

    [Test]
    public async Task ChangedCutoff_ForcesAFullPass_AndExportsWhatItBringsIn()
    {
        var h = await SyncedAsync(SyncMode.OneWay, cutoff: DateOnly.FromDateTime(SyncHarness.Start.UtcDateTime.AddDays(-10)));
        var old = await h.AddAsync(SyncHarness.Appointment("old", h.Now.AddDays(-30)));
        await SettleAsync(h);
        Assert.That(h.ExternalOf(old.Id), Is.Empty, "before the cutoff");

        await h.UpdateAccountAsync(a => a with { Cutoff = DateOnly.FromDateTime(SyncHarness.Start.UtcDateTime.AddDays(-60)) });

        var (report, fullPass, _) = await RunCountingAsync(h);

        Assert.Multiple(() =>
        {
            Assert.That(fullPass, Is.True);
            Assert.That(report.CreatedOut, Is.EqualTo(1), report.ToSummary());
            Assert.That(h.ExternalOf(old.Id), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task PendingUnconfirmedWrites_ForceAFullPass()
    {
        var h = await SyncedAsync(SyncMode.TwoWay);
        var todo = h.Leading.AllTodos().First(t => t.Content.Subject == "one");
        var external = h.SingleExternalOf(todo.Id).Id;
        await h.Leading.SetStateAsync(h.Account.Id, "unconfirmed:appointment", external, CancellationToken.None);

        var (report, fullPass, _) = await RunCountingAsync(h);

        Assert.Multiple(async () =>
        {
            Assert.That(fullPass, Is.True);
            Assert.That(report.NoChangeFastPath, Is.False);
            Assert.That(await h.Leading.GetStateAsync(h.Account.Id, "unconfirmed:appointment", CancellationToken.None), Is.Null, "confirmed by the full pass");
        });
        await SettleAsync(h);
    }

    [Test]
    [Category("R-DIFF-4")]
    public async Task FullMode_DeferredItems_ForceAFullPass_UntilTheyAreImported()
    {
        var h = await SyncedAsync(SyncMode.Full);
        h.Calendar.CreateExternally(SyncHarness.Appointment("far ahead", h.Now.AddMonths(14)));
        var deferring = await h.RunAsync();
        Assert.That(deferring.ImportedIn, Is.Zero, deferring.ToSummary());
        Assert.That(await h.Leading.GetStateAsync(h.Account.Id, "deferred:appointment", CancellationToken.None), Is.Not.Null);

        var (quiet, fullPass, _) = await RunCountingAsync(h);
        Assert.That(fullPass, Is.True, "deferred items are looked at again in every run");
        Assert.That(quiet.NoChangeFastPath, Is.False);

        h.Time.Advance(TimeSpan.FromDays(90));
        var (report, fullPassLater, _) = await RunCountingAsync(h);

        Assert.Multiple(() =>
        {
            Assert.That(fullPassLater, Is.True);
            Assert.That(report.ImportedIn, Is.EqualTo(1), report.ToSummary());
            Assert.That(h.Leading.AllTodos().Any(t => t.Content.Subject == "far ahead"), Is.True);
        });
        await SettleAsync(h);
    }

    [Test]
    public async Task FailedRun_KeepsNoMark_SoTheNextRunRetries()
    {
        var h = await SyncedAsync(SyncMode.TwoWay);
        var todo = await h.AddAppointmentAsync("three");
        h.Calendar.Faults.FailNth(TargetOperation.Create, 1, () => new TransientTargetException("The server is busy."));

        var failed = await h.RunAsync();
        Assert.That(failed.Failed.Count > 0 || failed.FatalError != FatalErrorKind.None, Is.True, failed.ToSummary());
        Assert.That(await h.Leading.GetStateAsync(h.Account.Id, MarkKey, CancellationToken.None), Is.Null, "a failed run keeps no mark");

        var (retry, fullPass, _) = await RunCountingAsync(h);

        Assert.Multiple(() =>
        {
            Assert.That(fullPass, Is.True);
            Assert.That(retry.CreatedOut, Is.EqualTo(1), retry.ToSummary());
            Assert.That(h.ExternalOf(todo.Id), Has.Count.EqualTo(1));
        });
        await SettleAsync(h);
    }

    private static async Task<(SyncHarness H, Contact Contact)> SyncedWithContactsAsync()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.TwoWay, exportContacts: true);
        await h.AddAppointmentAsync("one");
        var contact = await h.Leading.AddContactAsync(new ContactData { FirstName = "Eva", LastName = "Berger", Email1 = "eva@example.org" }, active: true, CancellationToken.None);
        await h.Leading.AddContactAsync(new ContactData { FirstName = "Jan", LastName = "Weber" }, active: true, CancellationToken.None);
        var first = await h.RunAsync();
        Assert.That(first.ContactsCreated, Is.EqualTo(2), first.ToSummary());
        await SettleAsync(h);
        return (h, contact);
    }

    /// <summary>Runs once and tells whether the run listed the address book.</summary>
    private static async Task<(RunReport Report, bool Listed)> RunListingAsync(SyncHarness h)
    {
        var lists = h.Contacts.Faults.Calls(TargetOperation.List);
        var report = await h.RunAsync();
        return (report, h.Contacts.Faults.Calls(TargetOperation.List) > lists);
    }

    [Test]
    [Description("Issue 4: an exported address book whose version did not change is not listed")]
    public async Task ExportContacts_UnchangedAddressBook_TakesTheFastPath()
    {
        var (h, _) = await SyncedWithContactsAsync();
        var before = h.Snapshot();
        var versionReads = h.Contacts.Faults.Calls(TargetOperation.GetVersion);

        var (report, listed) = await RunListingAsync(h);

        Assert.Multiple(() =>
        {
            Assert.That(report.NoChangeFastPath, Is.True, report.ToSummary());
            Assert.That(listed, Is.False, "the address book was not listed");
            Assert.That(h.Contacts.Faults.Calls(TargetOperation.GetVersion) - versionReads, Is.EqualTo(1), "one version read");
            Assert.That(h.Snapshot(), Is.EqualTo(before));
        });
    }

    [Test]
    [Category("R-CON-5")]
    public async Task ExportContacts_ContactDeletedExternally_ForcesAFullPass_AndLeavesTheExport()
    {
        var (h, contact) = await SyncedWithContactsAsync();
        var links = await h.Leading.ListLinksAsync(h.Account.Id, LinkKind.Contact, CancellationToken.None);
        h.Contacts.DeleteExternally(links.Single(l => l.LeadingId == contact.Id).ExternalId);

        var (report, listed) = await RunListingAsync(h);

        Assert.Multiple(() =>
        {
            Assert.That(report.NoChangeFastPath, Is.False);
            Assert.That(listed, Is.True);
            Assert.That(h.Contacts.Items().Select(c => c.Data.LastName), Is.EqualTo(new[] { "Weber" }), "not re-created");
        });
        var link = (await h.Leading.ListLinksAsync(h.Account.Id, LinkKind.Contact, CancellationToken.None)).Single(l => l.LeadingId == contact.Id);
        Assert.That(link.Active, Is.False, "taken out of the export");
        await SettleAsync(h);
    }

    [Test]
    [Category("R-CON-4")]
    public async Task ExportContacts_LeadingContactChanged_ForcesAFullPass_AndIsExported()
    {
        var (h, contact) = await SyncedWithContactsAsync();
        await h.Leading.UpdateContactAsync(contact.Id, contact.Data with { Mobile = "+49 171 2" }, active: true, CancellationToken.None);

        var (report, listed) = await RunListingAsync(h);

        Assert.Multiple(() =>
        {
            Assert.That(listed, Is.True);
            Assert.That(report.ContactsUpdated, Is.EqualTo(1), report.ToSummary());
            Assert.That(h.Contacts.Items().Single(c => c.Data.LastName == "Berger").Data.Mobile, Is.EqualTo("+49 171 2"));
        });
        await SettleAsync(h);
    }

    [Test]
    public async Task ExportContacts_TargetThatCannotTellItsVersion_IsListedEveryRun()
    {
        var h = await SyncHarness.CreateAsync(SyncMode.TwoWay, exportContacts: true);
        h.Contacts.ReportsVersion = false;
        await h.AddAppointmentAsync("one");
        await h.RunAsync();
        await h.RunAsync();

        var (report, listed) = await RunListingAsync(h);

        Assert.That(listed, Is.True, "without a version the address book is compared with a full listing every run");
        Assert.That(report.NoChangeFastPath, Is.False);
    }

    [Test]
    public async Task ExportContacts_VersionReadFails_TheFullPassReportsTheAddressBook()
    {
        var (h, _) = await SyncedWithContactsAsync();
        h.Contacts.Faults.FailNth(TargetOperation.GetVersion, 1, () => new TransientTargetException("The server is busy."));
        h.Contacts.Faults.FailNth(TargetOperation.List, 1, () => new TransientTargetException("The server is busy."));

        var (failed, _) = await RunListingAsync(h);
        Assert.That(failed.NoChangeFastPath, Is.False);
        Assert.That(failed.Failed.Select(f => f.Message), Has.Some.Contain("The address book could not be listed"), failed.ToSummary());
        Assert.That(await h.Leading.GetStateAsync(h.Account.Id, MarkKey, CancellationToken.None), Is.Null, "a run with a failure keeps no mark");

        await SettleAsync(h);
    }
}
