using ProadSync.Core.Leading;

namespace ProadSync.Storage.Tests;

public class SyncStatusTests : StoreTestBase
{
    [Test, Category("R-STAT-1")]
    public async Task R_STAT_1_sync_active_follows_the_active_links_of_the_to_do()
    {
        var anna = await UserAsync("anna");
        var bob = await UserAsync("bob");
        var annas = await AccountAsync(anna, "https://127.0.0.1/anna/");
        var bobs = await AccountAsync(bob, "https://127.0.0.1/bob/");
        var todo = await Store.AddTodoAsync(new TodoDraft(anna.Id, Appointment("A", T0, TimeSpan.FromHours(1))), Ct);
        var other = await Store.AddTodoAsync(new TodoDraft(anna.Id, Task("T", T0)), Ct);
        Assert.That((await Store.GetTodoAsync(todo.Id, Ct))!.SyncActive, Is.False);

        await Store.SaveLinkAsync(Link(annas.Id, LinkKind.Appointment, todo.Id, "/a/1.ics"), Ct);
        await Store.SaveLinkAsync(Link(bobs.Id, LinkKind.Appointment, todo.Id, "/b/1.ics", active: false), Ct);
        // A link of another kind with the same id does not count.
        await Store.SaveLinkAsync(Link(annas.Id, LinkKind.Task, todo.Id, "/a/t.ics"), Ct);
        Assert.That((await Store.GetTodoAsync(todo.Id, Ct))!.SyncActive, Is.True);
        Assert.That((await Store.GetTodoAsync(other.Id, Ct))!.SyncActive, Is.False);
        Assert.That((await Store.ListTodosAsync(new TodoQuery(), Ct)).Select(t => t.SyncActive), Is.EqualTo(new[] { true, false }));

        await Store.SaveLinkAsync(Link(annas.Id, LinkKind.Appointment, todo.Id, "/a/1.ics") with { Active = false, InactiveReason = "private" }, Ct);
        Assert.That((await Store.GetTodoAsync(todo.Id, Ct))!.SyncActive, Is.False);

        await Store.SaveLinkAsync(Link(bobs.Id, LinkKind.Appointment, todo.Id, "/b/1.ics"), Ct);
        Assert.That((await Store.GetTodoAsync(todo.Id, Ct))!.SyncActive, Is.True);

        await Store.DeleteLinkAsync(bobs.Id, LinkKind.Appointment, todo.Id, Ct);
        Assert.That((await Store.GetTodoAsync(todo.Id, Ct))!.SyncActive, Is.False);
    }

    [Test, Category("R-MODE-2WAY-4"), Category("R-STAT-1")]
    public async Task R_MODE_2WAY_4_external_deletion_marks_the_to_do_keeps_its_data_and_deactivates_the_link()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        var content = Appointment("Kundentermin", T0, TimeSpan.FromHours(1)) with { Description = "bleibt", Location = "Köln" };
        var todo = await Store.AddTodoAsync(new TodoDraft(user.Id, content) { ProjectNumber = "P1" }, Ct);
        await Store.SaveLinkAsync(Link(account.Id, LinkKind.Appointment, todo.Id, "/cal/1.ics"), Ct);
        Clock.Advance(TimeSpan.FromMinutes(1));

        await Store.MarkExternallyDeletedAsync(account.Id, todo.Id, Ct);

        var read = (await Store.GetTodoAsync(todo.Id, Ct))!;
        var link = (await Store.ListLinksOfItemAsync(LinkKind.Appointment, todo.Id, Ct)).Single();
        Assert.That(read.ExternallyDeleted, Is.True);
        Assert.That(read.SyncActive, Is.False);
        Assert.That(read.Content, Is.EqualTo(content));
        Assert.That(read.ProjectNumber, Is.EqualTo("P1"));
        Assert.That(read.Revision, Is.EqualTo(2));
        Assert.That(read.ModifiedAt, Is.EqualTo(T0.AddMinutes(1)));
        Assert.That(link.Active, Is.False);
        Assert.That(link.InactiveReason, Is.EqualTo("deleted externally"));
        Assert.That(link.UpdatedAt, Is.EqualTo(T0.AddMinutes(1)));

        await Store.ClearExternallyDeletedAsync(todo.Id, Ct);
        Assert.That((await Store.GetTodoAsync(todo.Id, Ct))!.ExternallyDeleted, Is.False);
    }

    [Test]
    public void Marking_or_clearing_a_missing_to_do_is_refused()
    {
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.MarkExternallyDeletedAsync(1, 99, Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.ClearExternallyDeletedAsync(99, Ct));
    }
}
