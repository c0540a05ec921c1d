using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.Storage.Tests;

public class TodoQueryTests : StoreTestBase
{
    [Test]
    public async Task Filters_by_responsible_user_and_kind()
    {
        var anna = await UserAsync("anna");
        var bob = await UserAsync("bob");
        var a1 = await Store.AddTodoAsync(new TodoDraft(anna.Id, Appointment("a1", T0, TimeSpan.FromHours(1))), Ct);
        var a2 = await Store.AddTodoAsync(new TodoDraft(anna.Id, Task("a2", T0)), Ct);
        var b1 = await Store.AddTodoAsync(new TodoDraft(bob.Id, Appointment("b1", T0, TimeSpan.FromHours(1))), Ct);

        var annas = await Store.ListTodosAsync(new TodoQuery { ResponsibleUserId = anna.Id }, Ct);
        var appointments = await Store.ListTodosAsync(new TodoQuery { Kind = TodoKind.Appointment }, Ct);
        var annasTasks = await Store.ListTodosAsync(new TodoQuery { ResponsibleUserId = anna.Id, Kind = TodoKind.Task }, Ct);
        var all = await Store.ListTodosAsync(new TodoQuery(), Ct);

        Assert.That(annas.Select(t => t.Id), Is.EqualTo(new[] { a1.Id, a2.Id }));
        Assert.That(appointments.Select(t => t.Id), Is.EqualTo(new[] { a1.Id, b1.Id }));
        Assert.That(annasTasks.Select(t => t.Id), Is.EqualTo(new[] { a2.Id }));
        Assert.That(all.Select(t => t.Id), Is.EqualTo(new[] { a1.Id, a2.Id, b1.Id }));
    }

    [Test, Category("R-GEN-3"), Category("D-1")]
    public async Task R_GEN_3_D_1_end_on_or_after_the_cutoff_compares_instants_and_leaves_out_to_dos_without_end()
    {
        var user = await UserAsync();
        var cutoff = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        // Ends 2025-12-31T23:30Z although the local text reads 2026-01-01: before the cutoff.
        var before = await Store.AddTodoAsync(new TodoDraft(user.Id, Appointment("before", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)), TimeSpan.FromMinutes(30))), Ct);
        var exactly = await Store.AddTodoAsync(new TodoDraft(user.Id, Task("exactly", cutoff)), Ct);
        // Starts long before the cutoff but ends after it: a candidate (the end decides).
        var longRunning = await Store.AddTodoAsync(new TodoDraft(user.Id, Appointment("long", cutoff.AddYears(-2), TimeSpan.FromDays(800))), Ct);
        var noEnd = await Store.AddTodoAsync(new TodoDraft(user.Id, Task("no end", null)), Ct);
        var farFuture = await Store.AddTodoAsync(new TodoDraft(user.Id, Task("2040", new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5)))), Ct);

        var candidates = await Store.ListTodosAsync(new TodoQuery { ResponsibleUserId = user.Id, EndOnOrAfter = cutoff }, Ct);
        var unfiltered = await Store.ListTodosAsync(new TodoQuery { ResponsibleUserId = user.Id }, Ct);

        Assert.That(candidates.Select(t => t.Id), Is.EqualTo(new[] { exactly.Id, longRunning.Id, farFuture.Id }));
        Assert.That(unfiltered.Select(t => t.Id), Is.EqualTo(new[] { before.Id, exactly.Id, longRunning.Id, noEnd.Id, farFuture.Id }));
    }

    [Test, Category("R-MODE-2WAY-4")]
    public async Task R_MODE_2WAY_4_marked_to_dos_can_be_left_out_of_the_list()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        var kept = await Store.AddTodoAsync(new TodoDraft(user.Id, Task("kept", T0)), Ct);
        var marked = await Store.AddTodoAsync(new TodoDraft(user.Id, Task("marked", T0)), Ct);
        await Store.MarkExternallyDeletedAsync(account.Id, marked.Id, Ct);

        var withoutMarked = await Store.ListTodosAsync(new TodoQuery { IncludeExternallyDeleted = false }, Ct);
        var withMarked = await Store.ListTodosAsync(new TodoQuery(), Ct);

        Assert.That(withoutMarked.Select(t => t.Id), Is.EqualTo(new[] { kept.Id }));
        Assert.That(withMarked.Select(t => t.Id), Is.EqualTo(new[] { kept.Id, marked.Id }));
    }
}
