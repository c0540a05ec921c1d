using Microsoft.Extensions.Time.Testing;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.TestKit;

namespace ProadSync.Core.Tests;

/// <summary>The test kit behaves like the real thing, so engine tests prove something.</summary>
[TestFixture]
public sealed class TestKitTests
{
    private static readonly DateTimeOffset Now = SyncHarness.Start;
    private static readonly DateRange Window = new(Now.AddYears(-1), Now.AddYears(1));
    private static readonly CalendarItem Item = SyncHarness.Appointment("x", Now.AddDays(1));

    [Test]
    public async Task CalendarTarget_VersionsPreconditionsAndAdoption()
    {
        var target = new InMemoryCalendarTarget();
        var created = await target.CreateAsync(TodoKind.Appointment, "uid-1", Item, CancellationToken.None);
        var adopted = await target.CreateAsync(TodoKind.Appointment, "uid-1", Item with { Subject = "other" }, CancellationToken.None);
        var updated = await target.UpdateAsync(TodoKind.Appointment, created.Item, Item with { Subject = "y" }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(created.Adopted, Is.False);
            Assert.That(adopted.Adopted, Is.True);
            Assert.That(adopted.Item, Is.EqualTo(created.Item));
            Assert.That(target.Find(created.Item.Id)!.Content.Subject, Is.EqualTo("y"));
            Assert.That(updated.Version, Is.Not.EqualTo(created.Item.Version));
            Assert.ThrowsAsync<VersionConflictException>(() => target.UpdateAsync(TodoKind.Appointment, created.Item, Item, CancellationToken.None));
            Assert.ThrowsAsync<VersionConflictException>(() => target.DeleteAsync(TodoKind.Appointment, created.Item, CancellationToken.None));
            Assert.ThrowsAsync<ItemNotFoundException>(() => target.UpdateAsync(TodoKind.Appointment, new ExternalItemRef("nope", updated.Version), Item, CancellationToken.None));
        });
    }

    [Test]
    public async Task CalendarTarget_CursorReportsChangesAndDeletes()
    {
        var target = new InMemoryCalendarTarget();
        var a = target.CreateExternally(Item);
        var b = target.CreateExternally(Item);
        var full = await target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
        target.EditExternally(a, c => c with { Subject = "a2" });
        target.DeleteExternally(b);
        var delta = await target.GetChangesAsync(TodoKind.Appointment, full.NextCursor, Window, CancellationToken.None);
        var none = await target.GetChangesAsync(TodoKind.Appointment, delta.NextCursor, Window, CancellationToken.None);
        var bad = await target.GetChangesAsync(TodoKind.Appointment, new SyncCursor("expired"), Window, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(full.IsFullListing, Is.True);
            Assert.That(full.Items.Select(i => i.Id), Is.EqualTo(new[] { a, b }));
            Assert.That(delta.IsFullListing, Is.False);
            Assert.That(delta.Items.Select(i => i.Id), Is.EqualTo(new[] { a }));
            Assert.That(delta.DeletedIds, Is.EqualTo(new[] { b }));
            Assert.That(none.Items, Is.Empty);
            Assert.That(none.DeletedIds, Is.Empty);
            Assert.That(bad.IsFullListing, Is.True, "an invalid cursor gives a full listing");
        });
    }

    [Test]
    public async Task CalendarTarget_FaultsBeforeAndAfterTheEffect()
    {
        var target = new InMemoryCalendarTarget();
        target.Faults.FailNth(TargetOperation.Create, 1, () => new TransientTargetException("busy"));
        target.Faults.FailNth(TargetOperation.Create, 2, () => new IOException("lost"), afterEffect: true);

        Assert.ThrowsAsync<TransientTargetException>(() => target.CreateAsync(TodoKind.Appointment, "u1", Item, CancellationToken.None));
        Assert.That(target.AllItems(), Is.Empty);
        Assert.ThrowsAsync<IOException>(() => target.CreateAsync(TodoKind.Appointment, "u2", Item, CancellationToken.None));
        Assert.That(target.AllItems(), Has.Count.EqualTo(1));
        Assert.That(target.Faults.Calls(TargetOperation.Create), Is.EqualTo(2));
    }

    [Test]
    public async Task CalendarTarget_MalformedItemsArePerItemProblems()
    {
        var target = new InMemoryCalendarTarget();
        var a = target.CreateExternally(Item);
        target.SetMalformed(a);

        var read = await target.GetAsync(TodoKind.Appointment, [a, "missing"], CancellationToken.None);

        Assert.That(read.Single().Problem, Is.Not.Null);
        Assert.That(read.Single().Content, Is.Null);
    }

    [Test]
    public async Task LeadingSystem_RevisionsGuardInbound_AndCompoundOperationsWriteBoth()
    {
        var time = new FakeTimeProvider(Now);
        var store = new InMemoryLeadingSystem(time);
        var user = await store.AddUserAsync("u", "U", true, CancellationToken.None);
        var account = await store.SaveAccountAsync(new SyncAccount { UserId = user.Id, PluginId = "memory" }, CancellationToken.None);
        var todo = await store.AddTodoAsync(new TodoDraft(user.Id, Item), CancellationToken.None);
        var link = new SyncLink { AccountId = account.Id, Kind = LinkKind.Appointment, LeadingId = todo.Id, Identity = "i", ExternalId = "e", ExternalVersion = "v", LeadingRevision = 1 };
        await store.SaveLinkAsync(link, CancellationToken.None);
        await store.UpdateTodoAsync(todo.Id, new TodoDraft(user.Id, Item with { Subject = "user" }), CancellationToken.None);

        Assert.ThrowsAsync<LeadingConcurrencyException>(() => store.ApplyInboundAsync(todo.Id, 1, Item with { Subject = "in" }, link, CancellationToken.None));
        var applied = await store.ApplyInboundAsync(todo.Id, 2, Item with { Subject = "in" }, link with { ExternalVersion = "v2" }, CancellationToken.None);
        var savedLink = (await store.ListLinksAsync(account.Id, LinkKind.Appointment, CancellationToken.None)).Single();
        await store.MarkExternallyDeletedAsync(account.Id, todo.Id, CancellationToken.None);
        var marked = (await store.GetTodoAsync(todo.Id, CancellationToken.None))!;

        Assert.Multiple(() =>
        {
            Assert.That(applied.Revision, Is.EqualTo(3));
            Assert.That(savedLink.LeadingRevision, Is.EqualTo(3));
            Assert.That(savedLink.ExternalVersion, Is.EqualTo("v2"));
            Assert.That(applied.SyncActive, Is.True);
            Assert.That(marked.ExternallyDeleted, Is.True);
            Assert.That(marked.SyncActive, Is.False);
            Assert.That(marked.Content.Subject, Is.EqualTo("in"), "the data stays");
        });
    }

    [Test]
    public async Task LeadingSystem_DeletingATodoKeepsItsLinks()
    {
        var store = new InMemoryLeadingSystem(new FakeTimeProvider(Now));
        var user = await store.AddUserAsync("u", "U", true, CancellationToken.None);
        var todo = await store.AddTodoAsync(new TodoDraft(user.Id, Item), CancellationToken.None);
        await store.SaveLinkAsync(new SyncLink { AccountId = 1, Kind = LinkKind.Appointment, LeadingId = todo.Id, Identity = "i", ExternalId = "e", ExternalVersion = "v", LeadingRevision = 1 }, CancellationToken.None);

        await store.DeleteTodoAsync(todo.Id, CancellationToken.None);

        Assert.That(store.AllLinks(), Has.Count.EqualTo(1));
        Assert.ThrowsAsync<LeadingValidationException>(() => store.AddTodoAsync(new TodoDraft(999, Item), CancellationToken.None));
    }

    [Test]
    public async Task LeadingSystem_APortWithoutItsOwnPagingStillHandsOutTheRightPage()
    {
        // The test kit does not implement ListTodoPageAsync: the port's default cuts the page out of ListTodosAsync.
        ILeadingSystem store = new InMemoryLeadingSystem(new FakeTimeProvider(Now));
        var user = await store.AddUserAsync("u", "U", true, CancellationToken.None);
        var other = await store.AddUserAsync("o", "O", true, CancellationToken.None);
        var account = await store.SaveAccountAsync(new SyncAccount { UserId = user.Id, PluginId = "memory" }, CancellationToken.None);
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add((await store.AddTodoAsync(new TodoDraft(user.Id, Item with { Subject = "t" + i }), CancellationToken.None)).Id);
            await store.AddTodoAsync(new TodoDraft(other.Id, Item), CancellationToken.None);
        }

        foreach (var i in new[] { 1, 2, 4 })
        {
            await store.SaveLinkAsync(new SyncLink { AccountId = account.Id, Kind = LinkKind.Appointment, LeadingId = ids[i], Identity = "i" + i, ExternalId = "e" + i, ExternalVersion = "v", LeadingRevision = 1 }, CancellationToken.None);
        }

        await store.MarkExternallyDeletedAsync(account.Id, ids[4], CancellationToken.None);
        var filter = new TodoQuery { ResponsibleUserId = user.Id };

        var second = await store.ListTodoPageAsync(new TodoPageQuery { Filter = filter, Offset = 3, Limit = 3 }, CancellationToken.None);
        var active = await store.ListTodoPageAsync(new TodoPageQuery { Filter = filter, SyncActive = true }, CancellationToken.None);
        var deleted = await store.ListTodoPageAsync(new TodoPageQuery { Filter = filter, ExternallyDeleted = true }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(second.Todos.Select(t => t.Id), Is.EqualTo(ids.Skip(3).Take(3)));
            Assert.That(second.TotalCount, Is.EqualTo(7));
            Assert.That(active.Todos.Select(t => t.Id), Is.EqualTo(new[] { ids[1], ids[2] }));
            Assert.That(active.TotalCount, Is.EqualTo(2));
            Assert.That(deleted.Todos.Select(t => t.Id), Is.EqualTo(new[] { ids[4] }));
        });
        Assert.ThrowsAsync<LeadingValidationException>(() => store.ListTodoPageAsync(new TodoPageQuery { Limit = 0 }, CancellationToken.None));
    }
}
