using ProadSync.Core.Leading;

namespace ProadSync.Storage.Tests;

/// <summary>One page of to-dos read in the database (the web UI's to-do overview), with the count of all matches.</summary>
public class TodoPageTests : StoreTestBase
{
    [Test]
    public async Task A_page_holds_the_to_dos_at_its_offset_by_id_and_the_count_of_all_matches()
    {
        var anna = await UserAsync("anna");
        var bob = await UserAsync("bob");
        var annas = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            annas.Add((await Store.AddTodoAsync(new TodoDraft(anna.Id, Task("a" + i, T0)), Ct)).Id);
            if (i % 3 == 0)
            {
                await Store.AddTodoAsync(new TodoDraft(bob.Id, Task("b" + i, T0)), Ct);
            }
        }

        var filter = new TodoQuery { ResponsibleUserId = anna.Id };
        var first = await Store.ListTodoPageAsync(new TodoPageQuery { Filter = filter, Offset = 0, Limit = 3 }, Ct);
        var second = await Store.ListTodoPageAsync(new TodoPageQuery { Filter = filter, Offset = 3, Limit = 3 }, Ct);
        var last = await Store.ListTodoPageAsync(new TodoPageQuery { Filter = filter, Offset = 6, Limit = 3 }, Ct);
        var beyond = await Store.ListTodoPageAsync(new TodoPageQuery { Filter = filter, Offset = 9, Limit = 3 }, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(first.Todos.Select(t => t.Id), Is.EqualTo(annas.Take(3)));
            Assert.That(second.Todos.Select(t => t.Id), Is.EqualTo(annas.Skip(3).Take(3)));
            Assert.That(last.Todos.Select(t => t.Id), Is.EqualTo(annas.Skip(6)));
            Assert.That(beyond.Todos, Is.Empty);
            Assert.That(new[] { first.TotalCount, second.TotalCount, last.TotalCount, beyond.TotalCount }, Is.All.EqualTo(7));
        });
    }

    [Test, Category("R-STAT-1")]
    public async Task R_STAT_1_sync_active_and_externally_deleted_filter_before_the_page_is_cut()
    {
        var anna = await UserAsync("anna");
        var account = await AccountAsync(anna);
        var todos = new List<Todo>();
        for (var i = 0; i < 8; i++)
        {
            todos.Add(await Store.AddTodoAsync(new TodoDraft(anna.Id, Appointment("t" + i, T0.AddDays(i), TimeSpan.FromHours(1))), Ct));
        }

        // Linked (sync active): 1, 3, 5, 7. Marking 5 and 7 "externally deleted" ends their links; 7 is linked again
        // (for instance to another folder), so it is both sync active and externally deleted.
        foreach (var i in new[] { 1, 3, 5, 7 })
        {
            await Store.SaveLinkAsync(Link(account.Id, LinkKind.Appointment, todos[i].Id, $"/a/{i}.ics"), Ct);
        }

        foreach (var i in new[] { 5, 7 })
        {
            await Store.MarkExternallyDeletedAsync(account.Id, todos[i].Id, Ct);
        }

        await Store.SaveLinkAsync(Link(account.Id, LinkKind.Appointment, todos[7].Id, "/a/7-again.ics"), Ct);
        long[] Ids(params int[] indexes) => indexes.Select(i => todos[i].Id).ToArray();
        var expectedActive = Ids(1, 3, 7);
        var expectedNotDeleted = Ids(0, 1, 2, 3, 4, 6);
        var expectedActiveNotDeleted = Ids(1, 3);
        var all = await Store.ListTodosAsync(new TodoQuery(), Ct);
        Assert.That(all.Where(t => t.SyncActive).Select(t => t.Id), Is.EqualTo(expectedActive), "the data as meant");
        Assert.That(all.Where(t => t.ExternallyDeleted).Select(t => t.Id), Is.EqualTo(Ids(5, 7)), "the data as meant");

        var active = await Store.ListTodoPageAsync(new TodoPageQuery { SyncActive = true, Offset = 1, Limit = 2 }, Ct);
        var notDeleted = await Store.ListTodoPageAsync(new TodoPageQuery { ExternallyDeleted = false, Offset = 4, Limit = 4 }, Ct);
        var deleted = await Store.ListTodoPageAsync(new TodoPageQuery { ExternallyDeleted = true, Limit = 10 }, Ct);
        var both = await Store.ListTodoPageAsync(new TodoPageQuery { SyncActive = true, ExternallyDeleted = false, Limit = 10 }, Ct);

        Assert.Multiple(() =>
        {
            Assert.That(active.Todos.Select(t => t.Id), Is.EqualTo(expectedActive.Skip(1).Take(2)));
            Assert.That(active.TotalCount, Is.EqualTo(3));
            Assert.That(notDeleted.Todos.Select(t => t.Id), Is.EqualTo(expectedNotDeleted.Skip(4).Take(4)));
            Assert.That(notDeleted.TotalCount, Is.EqualTo(6));
            Assert.That(deleted.Todos.Select(t => t.Id), Is.EqualTo(new[] { todos[5].Id, todos[7].Id }));
            Assert.That(deleted.TotalCount, Is.EqualTo(2));
            Assert.That(both.Todos.Select(t => t.Id), Is.EqualTo(expectedActiveNotDeleted));
            Assert.That(both.TotalCount, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task The_to_do_list_filters_apply_to_the_page_too()
    {
        var anna = await UserAsync("anna");
        var appointment = await Store.AddTodoAsync(new TodoDraft(anna.Id, Appointment("a", T0, TimeSpan.FromHours(1))), Ct);
        await Store.AddTodoAsync(new TodoDraft(anna.Id, Task("t", T0)), Ct);

        var page = await Store.ListTodoPageAsync(new TodoPageQuery { Filter = new TodoQuery { Kind = ProadSync.Abstractions.Models.TodoKind.Appointment } }, Ct);

        Assert.That(page.Todos.Select(t => t.Id), Is.EqualTo(new[] { appointment.Id }));
        Assert.That(page.TotalCount, Is.EqualTo(1));
    }

    [TestCase(-1, 50)]
    [TestCase(0, 0)]
    [TestCase(0, TodoPageQuery.MaximumLimit + 1)]
    public void An_offset_or_page_size_out_of_range_is_refused_with_a_sentence(int offset, int limit)
    {
        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => Store.ListTodoPageAsync(new TodoPageQuery { Offset = offset, Limit = limit }, Ct));
        Assert.That(ex!.Message, Does.Contain("page of to-dos"));
    }
}
