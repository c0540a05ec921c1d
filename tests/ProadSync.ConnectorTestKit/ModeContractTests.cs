using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Core.Leading;
using ProadSync.Core.Mapping;
using ProadSync.Core.Sync;
using ProadSync.Storage.Sqlite;

namespace ProadSync.ConnectorTestKit;

/// <summary>
/// The four modes of SPEC §6 run through the real engine and the real embedded store against a backend: every
/// backend's test project inherits this next to <see cref="CalendarTargetContractTests"/>, so each connector proves
/// the mode semantics, not only the protocol. Edits "in the external program" go through the target itself, the
/// way another client would make them. Every scenario ends with a second run that must change nothing.
/// </summary>
public abstract class ModeContractTests
{
    private readonly List<IAsyncDisposable> _disposables = [];

    /// <summary>
    /// A target on a fresh, empty calendar for each test; called twice per test, both calls must reach the SAME
    /// calendar (the second stands for another client editing it).
    /// </summary>
    /// <returns>The target.</returns>
    protected abstract Task<ICalendarTarget> CreateTargetAsync();

    /// <summary>A fresh, empty address book for each test, or <see langword="null"/> when the backend has none.</summary>
    /// <returns>The contact target.</returns>
    protected virtual Task<IContactTarget?> CreateContactTargetAsync() => Task.FromResult<IContactTarget?>(null);

    /// <summary>Disposes what the test opened.</summary>
    /// <returns>A task.</returns>
    [TearDown]
    public async Task DisposeOpenedAsync()
    {
        foreach (var item in _disposables)
        {
            await item.DisposeAsync();
        }

        _disposables.Clear();
    }

    /// <summary>What one scenario works on.</summary>
    /// <param name="Store">The leading store.</param>
    /// <param name="Account">The account.</param>
    /// <param name="Target">The calendar.</param>
    /// <param name="Contacts">The address book, if any.</param>
    /// <param name="Other">A second target on the same calendar, standing for another client (its writes are not the engine's own).</param>
    protected sealed record Setup(ILeadingSystem Store, SyncAccount Account, ICalendarTarget Target, IContactTarget? Contacts, ICalendarTarget Other);

    /// <summary>A fresh in-memory store with one user and account, and fresh targets.</summary>
    /// <param name="mode">The account's mode.</param>
    /// <param name="contacts">Whether contacts are exported.</param>
    /// <returns>The setup.</returns>
    protected async Task<Setup> SetUpAsync(SyncMode mode, bool contacts = false)
    {
        var store = await SqliteLeadingStore.OpenInMemoryAsync("Europe/Berlin", TimeProvider.System, null, CancellationToken.None);
        _disposables.Add(store);
        var user = await store.AddUserAsync("anna", "Anna", mayConfigureSync: true, CancellationToken.None);
        var account = await store.SaveAccountAsync(new SyncAccount { UserId = user.Id, PluginId = "kit", Mode = mode, Enabled = true, ExportContacts = contacts }, CancellationToken.None);
        var target = await CreateTargetAsync();
        _disposables.Add(target);
        var other = await CreateTargetAsync();
        _disposables.Add(other);
        IContactTarget? contactTarget = null;
        if (contacts)
        {
            contactTarget = await CreateContactTargetAsync();
            if (contactTarget is not null)
            {
                _disposables.Add(contactTarget);
            }
        }

        return new Setup(store, account, target, contactTarget, other);
    }

    /// <summary>One run through the real engine; fails the test on a fatal or per-item error.</summary>
    /// <param name="s">The setup.</param>
    /// <returns>The report.</returns>
    protected static async Task<RunReport> RunAsync(Setup s)
    {
        var account = await s.Store.GetAccountAsync(s.Account.Id, CancellationToken.None) ?? s.Account;
        var engine = new SyncEngine(new SyncEngineOptions(), TimeProvider.System, NullLogger<SyncEngine>.Instance);
        var report = await engine.RunAsync(new SyncRunRequest(s.Store, account, s.Target, new DefaultFieldMapper()) { Contacts = s.Contacts }, CancellationToken.None);
        Assert.That(report.FatalError, Is.EqualTo(FatalErrorKind.None), report.ToSummary());
        Assert.That(report.Failed, Is.Empty, report.ToSummary());
        return report;
    }

    /// <summary>Runs again and asserts that nothing changed.</summary>
    /// <param name="s">The setup.</param>
    /// <returns>A task.</returns>
    protected static async Task AssertQuietAsync(Setup s)
    {
        var again = await RunAsync(s);
        Assert.That(again.Changes, Is.EqualTo(0), "the second run must change nothing:\n" + again.ToSummary());
    }

    private static CalendarItem Appointment(string subject, int days) =>
        new()
        {
            Kind = TodoKind.Appointment,
            Subject = subject,
            Start = Today().AddDays(days).AddHours(9),
            End = Today().AddDays(days).AddHours(10),
            TimeZoneId = "Europe/Berlin",
            Location = "Room 1",
        };

    private static DateTimeOffset Today()
    {
        var now = TimeProvider.System.GetUtcNow();
        return new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero);
    }

    private static async Task<Todo> AddAsync(Setup s, CalendarItem item) =>
        await s.Store.AddTodoAsync(new TodoDraft(s.Account.UserId, item), CancellationToken.None);

    private static async Task<IReadOnlyList<FetchedItem>> ExternalAsync(Setup s, TodoKind kind = TodoKind.Appointment)
    {
        var window = new DateRange(Today().AddYears(-1), Today().AddYears(1));
        var listing = await s.Other.GetChangesAsync(kind, null, window, CancellationToken.None);
        return await s.Other.GetAsync(kind, listing.Items.Select(i => i.Id).ToList(), CancellationToken.None);
    }

    private static async Task EditExternallyAsync(Setup s, FetchedItem item, Func<CalendarItem, CalendarItem> edit) =>
        await s.Other.UpdateAsync(item.Content!.Kind, item.Item, edit(item.Content!), CancellationToken.None);

    /// <summary>Export: each item once; changes are not sent again and nothing is deleted.</summary>
    /// <returns>A task.</returns>
    [Test, Category("R-MODE-EXPORT-1"), Category("D-3")]
    public async Task Export_sends_each_item_once_never_again_and_never_deletes()
    {
        var s = await SetUpAsync(SyncMode.Export);
        var first = await AddAsync(s, Appointment("Exported once", 3));
        Assert.That((await RunAsync(s)).CreatedOut, Is.EqualTo(1));
        await s.Store.UpdateTodoAsync(first.Id, new TodoDraft(s.Account.UserId, first.Content with { Subject = "Changed later" }), CancellationToken.None);
        await AddAsync(s, Appointment("Added later", 4));
        var second = await RunAsync(s);
        Assert.Multiple(() =>
        {
            Assert.That(second.CreatedOut, Is.EqualTo(1));
            Assert.That(second.UpdatedOut, Is.EqualTo(0));
        });
        await s.Store.DeleteTodoAsync(first.Id, CancellationToken.None);
        Assert.That((await RunAsync(s)).DeletedOut, Is.EqualTo(0));
        var subjects = (await ExternalAsync(s)).Select(i => i.Content!.Subject).ToList();
        Assert.That(subjects, Is.EquivalentTo(new[] { "Exported once", "Added later" }));
        await AssertQuietAsync(s);
    }

    /// <summary>One-way: external edits are overwritten only when the leading item changed; leading deletes go out.</summary>
    /// <returns>A task.</returns>
    [Test, Category("R-MODE-1WAY-1"), Category("R-MODE-1WAY-2"), Category("R-MODE-1WAY-3"), Category("R-MODE-1WAY-4")]
    public async Task One_way_overwrites_external_edits_only_after_a_leading_change_and_deletes()
    {
        var s = await SetUpAsync(SyncMode.OneWay);
        var todo = await AddAsync(s, Appointment("Leading", 3));
        await RunAsync(s);
        var external = (await ExternalAsync(s)).Single();
        await EditExternallyAsync(s, external, c => c with { Subject = "Edited outside" });
        await RunAsync(s);
        Assert.That((await ExternalAsync(s)).Single().Content!.Subject, Is.EqualTo("Edited outside"), "no leading change: the external edit stays");
        Assert.That((await s.Store.GetTodoAsync(todo.Id, CancellationToken.None))!.Content.Subject, Is.EqualTo("Leading"), "nothing comes back in one-way");

        await s.Store.UpdateTodoAsync(todo.Id, new TodoDraft(s.Account.UserId, todo.Content with { Location = "Room 2" }), CancellationToken.None);
        Assert.That((await RunAsync(s)).UpdatedOut, Is.EqualTo(1));
        var after = (await ExternalAsync(s)).Single().Content!;
        Assert.Multiple(() =>
        {
            Assert.That(after.Subject, Is.EqualTo("Leading"), "leading wins (R-GEN-1)");
            Assert.That(after.Location, Is.EqualTo("Room 2"));
        });
        await AssertQuietAsync(s);

        await s.Store.DeleteTodoAsync(todo.Id, CancellationToken.None);
        Assert.That((await RunAsync(s)).DeletedOut, Is.EqualTo(1));
        Assert.That(await ExternalAsync(s), Is.Empty);
        await AssertQuietAsync(s);
    }

    /// <summary>Two-way: external edits come in, external deletes mark the leading item, leading deletes go out.</summary>
    /// <returns>A task.</returns>
    [Test, Category("R-MODE-2WAY-1"), Category("R-MODE-2WAY-2"), Category("R-MODE-2WAY-3"), Category("R-MODE-2WAY-4")]
    public async Task Two_way_takes_external_edits_marks_external_deletes_and_sends_leading_deletes()
    {
        var s = await SetUpAsync(SyncMode.TwoWay);
        var edited = await AddAsync(s, Appointment("Edit me outside", 3));
        var deleted = await AddAsync(s, Appointment("Delete me outside", 4));
        var removed = await AddAsync(s, Appointment("Delete me inside", 5));
        await RunAsync(s);
        var externals = await ExternalAsync(s);
        await EditExternallyAsync(s, externals.Single(i => i.Content!.Subject == "Edit me outside"), c => c with { Subject = "Edited outside", Location = "Room 9" });
        var gone = externals.Single(i => i.Content!.Subject == "Delete me outside");
        await s.Other.DeleteAsync(TodoKind.Appointment, gone.Item, CancellationToken.None);
        await s.Other.CreateAsync(TodoKind.Appointment, $"outside-{Guid.NewGuid():N}", Appointment("Created outside", 6) with { SourceTag = null }, CancellationToken.None);
        await s.Store.DeleteTodoAsync(removed.Id, CancellationToken.None);

        var run = await RunAsync(s);
        Assert.Multiple(() =>
        {
            Assert.That(run.UpdatedIn, Is.EqualTo(1));
            Assert.That(run.MarkedDeletedIn, Is.EqualTo(1), run.ToSummary() + string.Join("\n", run.Plan.Select(p => p.ToString())));
            Assert.That(run.DeletedOut, Is.EqualTo(1));
            Assert.That(run.ImportedIn, Is.EqualTo(0), "external creates are not taken in two-way (R-MODE-2WAY-2)");
        });
        var leading = (await s.Store.GetTodoAsync(edited.Id, CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(leading.Content.Subject, Is.EqualTo("Edited outside"));
            Assert.That(leading.Content.Location, Is.EqualTo("Room 9"));
        });
        var marked = (await s.Store.GetTodoAsync(deleted.Id, CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(marked.ExternallyDeleted, Is.True);
            Assert.That(marked.SyncActive, Is.False);
        });
        await AssertQuietAsync(s);
    }

    /// <summary>Full: external items in the window are imported and synchronised from then on.</summary>
    /// <returns>A task.</returns>
    [Test, Category("R-MODE-FULL-1"), Category("R-DIFF-4"), Category("D-5")]
    public async Task Full_imports_external_items_and_keeps_them_in_sync()
    {
        var s = await SetUpAsync(SyncMode.Full);
        await AddAsync(s, Appointment("From the leading system", 3));
        await RunAsync(s);
        await s.Other.CreateAsync(TodoKind.Appointment, $"outside-{Guid.NewGuid():N}", Appointment("Created outside", 6) with { SourceTag = null }, CancellationToken.None);
        Assert.That((await RunAsync(s)).ImportedIn, Is.EqualTo(1));
        var imported = (await s.Store.ListTodosAsync(new TodoQuery(), CancellationToken.None)).Single(t => t.Content.Subject == "Created outside");
        Assert.Multiple(() =>
        {
            Assert.That(imported.ResponsibleUserId, Is.EqualTo(s.Account.UserId));
            Assert.That(imported.SyncActive, Is.True);
        });
        await AssertQuietAsync(s);

        await s.Store.UpdateTodoAsync(imported.Id, new TodoDraft(s.Account.UserId, imported.Content with { Subject = "Imported, then changed" }), CancellationToken.None);
        Assert.That((await RunAsync(s)).UpdatedOut, Is.EqualTo(1));
        Assert.That((await ExternalAsync(s)).Select(i => i.Content!.Subject), Does.Contain("Imported, then changed"));
        await AssertQuietAsync(s);
    }

    /// <summary>Tasks go out with their status and come back in two-way; a task without due date stays home.</summary>
    /// <returns>A task.</returns>
    [Test, Category("R-TSK-1"), Category("R-TSK-2"), Category("R-COND-5"), Category("D-6")]
    public async Task Tasks_round_trip_in_two_way_and_undated_tasks_stay_home()
    {
        var s = await SetUpAsync(SyncMode.TwoWay);
        if (!s.Target.Capabilities.SupportsTasks)
        {
            Assert.Ignore("This backend stores no tasks.");
        }

        var due = Today().AddDays(5).AddHours(17);
        var task = await AddAsync(s, new CalendarItem { Kind = TodoKind.Task, Subject = "Waiting task", End = due, TimeZoneId = "Europe/Berlin", Status = TodoStatus.Waiting, Priority = Priority.High });
        await AddAsync(s, new CalendarItem { Kind = TodoKind.Task, Subject = "No due date" });
        Assert.That((await RunAsync(s)).CreatedOut, Is.EqualTo(1));
        var external = (await ExternalAsync(s, TodoKind.Task)).Single();
        Assert.That(external.Content!.Status, Is.EqualTo(TodoStatus.Waiting), "D-6");
        await EditExternallyAsync(s, external, c => c with { Status = TodoStatus.Done });
        Assert.That((await RunAsync(s)).UpdatedIn, Is.EqualTo(1));
        Assert.That((await s.Store.GetTodoAsync(task.Id, CancellationToken.None))!.Content.Status, Is.EqualTo(TodoStatus.Done));
        await AssertQuietAsync(s);
    }
}
