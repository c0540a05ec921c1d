using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.Storage.Tests;

/// <summary>Issue 4: the change counter behind the engine's no-change fast path (schema version 4, triggers).</summary>
public class ChangeCounterTests : StoreTestBase
{
    private async Task<long> GrowsAsync(long before, Func<Task> change, string what)
    {
        await change();
        var after = await Store.GetChangeCounterAsync(Ct);
        Assert.That(after, Is.GreaterThan(before), what + " raises the counter");
        return after;
    }

    [Test]
    public async Task Every_write_of_users_todos_contacts_and_links_raises_the_counter()
    {
        var c = await Store.GetChangeCounterAsync(Ct);
        LeadingUser user = null!;
        c = await GrowsAsync(c, async () => user = await UserAsync(), "adding a user");
        var account = await AccountAsync(user);
        c = await GrowsAsync(c, () => Store.UpdateUserAsync(user with { DisplayName = "Anna B." }, Ct), "changing a user");
        Todo todo = null!;
        c = await GrowsAsync(c, async () => todo = await Store.AddTodoAsync(new TodoDraft(user.Id, Appointment("a", T0, TimeSpan.FromHours(1))), Ct), "adding a to-do");
        c = await GrowsAsync(c, () => Store.UpdateTodoAsync(todo.Id, new TodoDraft(user.Id, Appointment("b", T0, TimeSpan.FromHours(1))), Ct), "editing a to-do");
        c = await GrowsAsync(c, () => Store.SaveLinkAsync(Link(account.Id, LinkKind.Appointment, todo.Id, "/cal/1.ics"), Ct), "saving a link");
        c = await GrowsAsync(c, () => Store.ApplyInboundAsync(todo.Id, 2, Appointment("c", T0, TimeSpan.FromHours(2)), Link(account.Id, LinkKind.Appointment, todo.Id, "/cal/1.ics") with { ExternalVersion = "\"e2\"" }, Ct), "an inbound apply");
        c = await GrowsAsync(c, () => Store.MarkExternallyDeletedAsync(account.Id, todo.Id, Ct), "marking externally deleted");
        c = await GrowsAsync(c, () => Store.ClearExternallyDeletedAsync(todo.Id, Ct), "clearing the mark");
        c = await GrowsAsync(c, () => Store.DeleteLinkAsync(account.Id, LinkKind.Appointment, todo.Id, Ct), "deleting a link");
        c = await GrowsAsync(c, () => Store.DeleteTodoAsync(todo.Id, Ct), "deleting a to-do");
        Contact contact = null!;
        c = await GrowsAsync(c, async () => contact = await Store.AddContactAsync(new ContactData(), active: true, Ct), "adding a contact");
        c = await GrowsAsync(c, () => Store.UpdateContactAsync(contact.Id, new ContactData(), active: false, Ct), "changing a contact");
        await GrowsAsync(c, () => Store.DeleteContactAsync(contact.Id, Ct), "deleting a contact");
    }

    [Test]
    public async Task State_run_log_and_account_writes_leave_the_counter_alone()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        var before = await Store.GetChangeCounterAsync(Ct);

        await Store.SetStateAsync(account.Id, "cursor:appointment", "c1", Ct);
        await Store.SaveAccountAsync(account with { ConsecutiveFailures = 1 }, Ct);
        await Store.SaveRunAsync(new RunRecord { AccountId = account.Id, StartedAt = T0, Outcome = "running" }, Ct);

        Assert.That(await Store.GetChangeCounterAsync(Ct), Is.EqualTo(before));
    }
}
