using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.Storage.Tests;

public class TransactionTests : StoreTestBase
{
    [Test, Category("R-MODE-2WAY-1")]
    public async Task ApplyInbound_replaces_content_grows_revision_and_saves_the_link_with_the_new_revision()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        var todo = await Store.AddTodoAsync(new TodoDraft(user.Id, Appointment("old", T0, TimeSpan.FromHours(1))) { ProjectNumber = "P7" }, Ct);
        await Store.SaveLinkAsync(Link(account.Id, LinkKind.Appointment, todo.Id, "/cal/1.ics"), Ct);
        Clock.Advance(TimeSpan.FromMinutes(3));
        var inbound = Appointment("new", T0.AddHours(2), TimeSpan.FromHours(1)) with { Location = "extern" };

        var applied = await Store.ApplyInboundAsync(todo.Id, 1, inbound, Link(account.Id, LinkKind.Appointment, todo.Id, "/cal/1.ics") with { ExternalVersion = "\"etag-2\"", LeadingRevision = 0 }, Ct);

        var link = (await Store.ListLinksAsync(account.Id, LinkKind.Appointment, Ct)).Single();
        Assert.That(applied.Revision, Is.EqualTo(2));
        Assert.That(applied.Content, Is.EqualTo(inbound));
        Assert.That(applied.ProjectNumber, Is.EqualTo("P7"), "inbound changes never touch project data");
        Assert.That(applied.ModifiedAt, Is.EqualTo(T0.AddMinutes(3)));
        Assert.That(applied.SyncActive, Is.True);
        Assert.That(link.LeadingRevision, Is.EqualTo(2));
        Assert.That(link.ExternalVersion, Is.EqualTo("\"etag-2\""));
        Assert.That(link.UpdatedAt, Is.EqualTo(T0.AddMinutes(3)));
    }

    [Test, Category("R-GEN-1")]
    public async Task R_GEN_1_ApplyInbound_with_a_stale_revision_throws_and_changes_nothing()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        var todo = await Store.AddTodoAsync(new TodoDraft(user.Id, Appointment("v1", T0, TimeSpan.FromHours(1))), Ct);
        var original = Link(account.Id, LinkKind.Appointment, todo.Id, "/cal/1.ics");
        await Store.SaveLinkAsync(original, Ct);
        // A user edits the to-do while the run holds revision 1.
        var edited = await Store.UpdateTodoAsync(todo.Id, new TodoDraft(user.Id, Appointment("leading edit", T0, TimeSpan.FromHours(1))), Ct);
        var linkBefore = (await Store.ListLinksAsync(account.Id, LinkKind.Appointment, Ct)).Single();
        Clock.Advance(TimeSpan.FromMinutes(1));

        var ex = Assert.ThrowsAsync<LeadingConcurrencyException>(() => Store.ApplyInboundAsync(
            todo.Id, 1, Appointment("external edit", T0, TimeSpan.FromHours(2)), original with { ExternalVersion = "\"etag-9\"" }, Ct));

        Assert.That(ex!.Message, Does.Contain("revision 2, expected 1"));
        Assert.That(await Store.GetTodoAsync(todo.Id, Ct), Is.EqualTo(edited));
        Assert.That((await Store.ListLinksAsync(account.Id, LinkKind.Appointment, Ct)).Single(), Is.EqualTo(linkBefore));
    }

    [Test]
    public async Task ApplyInbound_on_a_deleted_to_do_is_a_concurrency_failure()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        var todo = await Store.AddTodoAsync(new TodoDraft(user.Id, Task("x", T0)), Ct);
        await Store.DeleteTodoAsync(todo.Id, Ct);

        Assert.ThrowsAsync<LeadingConcurrencyException>(() => Store.ApplyInboundAsync(todo.Id, 1, Task("y", T0), Link(account.Id, LinkKind.Task, todo.Id, "/t/1.ics"), Ct));
        Assert.That(await Store.ListLinksAsync(account.Id, LinkKind.Task, Ct), Is.Empty);
    }

    [Test]
    public async Task ApplyInbound_that_fails_after_the_to_do_update_rolls_the_update_back()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        var first = await Store.AddTodoAsync(new TodoDraft(user.Id, Task("first", T0)), Ct);
        var second = await Store.AddTodoAsync(new TodoDraft(user.Id, Task("second", T0)), Ct);
        await Store.SaveLinkAsync(Link(account.Id, LinkKind.Task, first.Id, "/t/1.ics"), Ct);

        // The link for the second to-do names the external item already linked to the first: refused after the to-do row was written.
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.ApplyInboundAsync(second.Id, 1, Task("changed", T0), Link(account.Id, LinkKind.Task, second.Id, "/t/1.ics"), Ct));

        Assert.That(await Store.GetTodoAsync(second.Id, Ct), Is.EqualTo(second));
    }

    [Test, Category("R-MODE-FULL-1")]
    public async Task ImportTodo_writes_the_to_do_and_its_link_together()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);

        var imported = await Store.ImportTodoAsync(new TodoDraft(user.Id, Task("extern", T0)), Link(account.Id, LinkKind.Task, 0, "/t/new.ics", revision: 0), Ct);

        var link = (await Store.ListLinksOfItemAsync(LinkKind.Task, imported.Id, Ct)).Single();
        Assert.That(imported.Revision, Is.EqualTo(1));
        Assert.That(imported.SyncActive, Is.True);
        Assert.That(link.LeadingId, Is.EqualTo(imported.Id));
        Assert.That(link.LeadingRevision, Is.EqualTo(1));
    }

    [Test]
    public async Task ImportTodo_with_a_link_that_violates_a_constraint_leaves_no_to_do_behind()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        var existing = await Store.AddTodoAsync(new TodoDraft(user.Id, Task("existing", T0)), Ct);
        await Store.SaveLinkAsync(Link(account.Id, LinkKind.Task, existing.Id, "/t/taken.ics"), Ct);

        var ex = Assert.ThrowsAsync<LeadingValidationException>(() =>
            Store.ImportTodoAsync(new TodoDraft(user.Id, Task("duplicate", T0)), Link(account.Id, LinkKind.Task, 0, "/t/taken.ics"), Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() =>
            Store.ImportTodoAsync(new TodoDraft(user.Id, Task("no account", T0)), Link(account.Id + 100, LinkKind.Task, 0, "/t/x.ics"), Ct));

        Assert.That(ex!.Message, Does.Contain("already linked"));
        Assert.That((await Store.ListTodosAsync(new TodoQuery(), Ct)).Select(t => t.Id), Is.EqualTo(new[] { existing.Id }));
        Assert.That((await Store.ListLinksAsync(account.Id, LinkKind.Task, Ct)).Select(l => l.LeadingId), Is.EqualTo(new[] { existing.Id }));
        // The ids of the rolled-back inserts are not visible anywhere.
        var next = await Store.AddTodoAsync(new TodoDraft(user.Id, Task("next", T0)), Ct);
        Assert.That((await Store.ListTodosAsync(new TodoQuery(), Ct)).Select(t => t.Content.Subject), Is.EqualTo(new[] { "existing", "next" }));
        Assert.That(next.Revision, Is.EqualTo(1));
    }

    [Test]
    public async Task Link_kind_must_match_the_to_do_kind()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        Assert.ThrowsAsync<LeadingValidationException>(() =>
            Store.ImportTodoAsync(new TodoDraft(user.Id, Task("t", T0)), Link(account.Id, LinkKind.Appointment, 0, "/x.ics"), Ct));
        Assert.That(await Store.ListTodosAsync(new TodoQuery(), Ct), Is.Empty);
    }

    [Test, Category("R-ACC-5")]
    public async Task R_ACC_5_DeleteAllLinks_removes_links_and_cursors_of_one_account_only()
    {
        var anna = await UserAsync("anna");
        var bob = await UserAsync("bob");
        var annas = await AccountAsync(anna, "https://127.0.0.1/a/");
        var bobs = await AccountAsync(bob, "https://127.0.0.1/b/");
        var todo = await Store.AddTodoAsync(new TodoDraft(anna.Id, Task("t", T0)), Ct);
        var contact = await Store.AddContactAsync(new ContactData { LastName = "X" }, true, Ct);
        await Store.SaveLinkAsync(Link(annas.Id, LinkKind.Task, todo.Id, "/a/t.ics"), Ct);
        await Store.SaveLinkAsync(Link(annas.Id, LinkKind.Contact, contact.Id, "/a/c.vcf"), Ct);
        await Store.SaveLinkAsync(Link(bobs.Id, LinkKind.Task, todo.Id, "/b/t.ics"), Ct);
        await Store.SetStateAsync(annas.Id, "cursor", "token-1", Ct);
        await Store.SetStateAsync(bobs.Id, "cursor", "token-2", Ct);

        var removed = await Store.DeleteAllLinksAsync(annas.Id, Ct);

        Assert.That(removed, Is.EqualTo(2));
        Assert.That(await Store.ListLinksAsync(annas.Id, LinkKind.Task, Ct), Is.Empty);
        Assert.That(await Store.ListLinksAsync(annas.Id, LinkKind.Contact, Ct), Is.Empty);
        Assert.That(await Store.GetStateAsync(annas.Id, "cursor", Ct), Is.Null);
        Assert.That(await Store.ListLinksAsync(bobs.Id, LinkKind.Task, Ct), Has.Count.EqualTo(1));
        Assert.That(await Store.GetStateAsync(bobs.Id, "cursor", Ct), Is.EqualTo("token-2"));
    }

    [Test]
    public async Task A_cancelled_change_writes_nothing()
    {
        var user = await UserAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.That(async () => await Store.AddTodoAsync(new TodoDraft(user.Id, Task("never", T0)), cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(async () => await Store.AddUserAsync("never", "x", false, cancelled.Token), Throws.InstanceOf<OperationCanceledException>());

        Assert.That(await Store.ListTodosAsync(new TodoQuery(), Ct), Is.Empty);
        Assert.That(await Store.ListUsersAsync(Ct), Has.Count.EqualTo(1));
    }
}
