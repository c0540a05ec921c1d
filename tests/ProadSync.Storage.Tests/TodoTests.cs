using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.Storage.Tests;

public class TodoTests : StoreTestBase
{
    [Test]
    public async Task Appointment_round_trips_every_field_with_its_offset()
    {
        var user = await UserAsync();
        var berlin = new DateTimeOffset(2026, 7, 1, 9, 30, 0, TimeSpan.FromHours(2));
        var content = new CalendarItem
        {
            Kind = TodoKind.Appointment,
            Subject = "Abstimmung — Größe 😀 日本語",
            Start = berlin,
            End = berlin.AddHours(1.5),
            IsAllDay = false,
            TimeZoneId = "Europe/Berlin",
            Description = "Zeile 1\nZeile 2 <b>ä</b>",
            DescriptionFormat = DescriptionFormat.Html,
            Location = "Raum 4.02",
            Priority = Priority.High,
            ShowAs = ShowAs.OutOfOffice,
            Status = TodoStatus.Deferred,
            Reminder = berlin.AddMinutes(-15),
            IsPrivate = true,
            IsRecurring = true,
            SourceTag = "proad:42",
        };

        var added = await Store.AddTodoAsync(new TodoDraft(user.Id, content) { ProjectNumber = "P-2026-001", ProjectName = "Relaunch Ö" }, Ct);
        var read = await Store.GetTodoAsync(added.Id, Ct);

        Assert.That(read, Is.Not.Null);
        Assert.That(read!.Content, Is.EqualTo(content));
        Assert.That(read.Content.Start!.Value.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That(read.ProjectNumber, Is.EqualTo("P-2026-001"));
        Assert.That(read.ProjectName, Is.EqualTo("Relaunch Ö"));
        Assert.That(read.ResponsibleUserId, Is.EqualTo(user.Id));
        Assert.That(read.CreatedAt, Is.EqualTo(T0));
        Assert.That(read.ModifiedAt, Is.EqualTo(T0));
        Assert.That(read.Revision, Is.EqualTo(1));
        Assert.That(read.ExternallyDeleted, Is.False);
        Assert.That(read.SyncActive, Is.False);
        Assert.That(read.Kind, Is.EqualTo(TodoKind.Appointment));
        Assert.That(read, Is.EqualTo(added));
    }

    [Test]
    public async Task All_day_appointment_and_task_with_nulls_round_trip()
    {
        var user = await UserAsync();
        var allDay = new CalendarItem
        {
            Kind = TodoKind.Appointment,
            Subject = string.Empty,
            Start = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1)),
            End = new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.FromHours(2)),
            IsAllDay = true,
            TimeZoneId = "Europe/Berlin",
        };
        var task = new CalendarItem { Kind = TodoKind.Task, Subject = "ohne Termin", Status = TodoStatus.Cancelled, Priority = Priority.Low };

        var a = await Store.AddTodoAsync(new TodoDraft(user.Id, allDay), Ct);
        var t = await Store.AddTodoAsync(new TodoDraft(user.Id, task), Ct);

        Assert.That((await Store.GetTodoAsync(a.Id, Ct))!.Content, Is.EqualTo(allDay));
        var readTask = await Store.GetTodoAsync(t.Id, Ct);
        Assert.That(readTask!.Content, Is.EqualTo(task));
        Assert.That(readTask.Content.Start, Is.Null);
        Assert.That(readTask.Content.End, Is.Null);
        Assert.That(readTask.Content.Reminder, Is.Null);
        Assert.That(readTask.Content.TimeZoneId, Is.Null);
        Assert.That(readTask.ProjectNumber, Is.Null);
        Assert.That(readTask.Kind, Is.EqualTo(TodoKind.Task));
    }

    [Test]
    public async Task Update_replaces_content_grows_revision_and_takes_time_from_the_clock()
    {
        var anna = await UserAsync("anna");
        var bob = await UserAsync("bob");
        var added = await Store.AddTodoAsync(new TodoDraft(anna.Id, Appointment("A", T0, TimeSpan.FromHours(1))) { ProjectNumber = "1" }, Ct);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var changed = await Store.UpdateTodoAsync(added.Id, new TodoDraft(bob.Id, Task("B", T0.AddDays(1))), Ct);

        Assert.That(changed.Revision, Is.EqualTo(2));
        Assert.That(changed.ResponsibleUserId, Is.EqualTo(bob.Id));
        Assert.That(changed.Content, Is.EqualTo(Task("B", T0.AddDays(1))));
        Assert.That(changed.ProjectNumber, Is.Null);
        Assert.That(changed.CreatedAt, Is.EqualTo(T0));
        Assert.That(changed.ModifiedAt, Is.EqualTo(T0.AddMinutes(5)));
    }

    [Test]
    public async Task Update_of_a_missing_to_do_is_refused()
    {
        var user = await UserAsync();
        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => Store.UpdateTodoAsync(77, new TodoDraft(user.Id, Task("x", T0)), Ct));
        Assert.That(ex!.Message, Does.Contain("77"));
    }

    [Test, Category("R-MODE-1WAY-4")]
    public async Task R_MODE_1WAY_4_deleting_a_to_do_keeps_its_links_so_the_next_run_can_delete_externally()
    {
        var user = await UserAsync();
        var account = await AccountAsync(user);
        var todo = await Store.AddTodoAsync(new TodoDraft(user.Id, Appointment("A", T0, TimeSpan.FromHours(1))), Ct);
        await Store.SaveLinkAsync(Link(account.Id, LinkKind.Appointment, todo.Id, "/cal/a.ics"), Ct);

        Assert.That(await Store.DeleteTodoAsync(todo.Id, Ct), Is.True);
        Assert.That(await Store.DeleteTodoAsync(todo.Id, Ct), Is.False);

        Assert.That(await Store.GetTodoAsync(todo.Id, Ct), Is.Null);
        Assert.That(await Store.ListLinksAsync(account.Id, LinkKind.Appointment, Ct), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Unknown_responsible_user_is_refused_with_a_sentence()
    {
        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => Store.AddTodoAsync(new TodoDraft(5, Task("x", T0)), Ct));
        Assert.That(ex!.Message, Does.StartWith("User 5 does not exist"));
    }

    [Test]
    public async Task End_before_start_is_refused()
    {
        var user = await UserAsync();
        var content = Appointment("x", T0, TimeSpan.FromHours(-1));

        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => Store.AddTodoAsync(new TodoDraft(user.Id, content), Ct));
        Assert.That(ex!.Message, Does.Contain("before it starts"));
        Assert.That(await Store.ListTodosAsync(new TodoQuery(), Ct), Is.Empty);
    }

    [Test]
    public async Task Undefined_enum_values_and_unknown_time_zones_are_refused()
    {
        var user = await UserAsync();
        var good = Appointment("x", T0, TimeSpan.FromHours(1));

        Assert.ThrowsAsync<LeadingValidationException>(() => Store.AddTodoAsync(new TodoDraft(user.Id, good with { Kind = (TodoKind)7 }), Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.AddTodoAsync(new TodoDraft(user.Id, good with { Priority = (Priority)9 }), Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.AddTodoAsync(new TodoDraft(user.Id, good with { ShowAs = (ShowAs)9 }), Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.AddTodoAsync(new TodoDraft(user.Id, good with { Status = (TodoStatus)9 }), Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.AddTodoAsync(new TodoDraft(user.Id, good with { DescriptionFormat = (DescriptionFormat)9 }), Ct));
        Assert.ThrowsAsync<LeadingValidationException>(() => Store.AddTodoAsync(new TodoDraft(user.Id, good with { TimeZoneId = "Mars/Olympus" }), Ct));
        Assert.That(await Store.ListTodosAsync(new TodoQuery(), Ct), Is.Empty);
    }
}
