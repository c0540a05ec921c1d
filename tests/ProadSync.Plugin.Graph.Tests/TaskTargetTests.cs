using System.Text.Json.Nodes;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.FakeGraph;

namespace ProadSync.Plugin.Graph.Tests;

public sealed class TaskTargetTests
{
    private GraphTestContext _ctx = null!;

    [SetUp]
    public async Task SetUpAsync() => _ctx = await GraphTestContext.StartAsync();

    [TearDown]
    public async Task TearDownAsync() => await _ctx.DisposeAsync();

    [Test]
    public async Task A_task_goes_into_the_default_list_tagged_by_a_linked_resource_and_reads_back()
    {
        await using var target = await _ctx.CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Task, "db1:t1", Samples.Task(), CancellationToken.None);

        var stored = _ctx.Fake.List(GraphTestContext.Mailbox, FakeCollection.Tasks).Single();
        Assert.Multiple(() =>
        {
            Assert.That(stored["title"]!.GetValue<string>(), Is.EqualTo("Call back"));
            Assert.That(stored["status"]!.GetValue<string>(), Is.EqualTo("inProgress"));
            Assert.That(stored["importance"]!.GetValue<string>(), Is.EqualTo("low"));
            Assert.That(stored["linkedResources"]![0]!["externalId"]!.GetValue<string>(), Is.EqualTo("db1:t1"));
            Assert.That(stored["linkedResources"]![1]!["externalId"]!.GetValue<string>(), Is.EqualTo("proad:task"));
            Assert.That(stored["dueDateTime"]!["dateTime"]!.GetValue<string>(), Does.StartWith("2026-12-04T00:00:00"));
            Assert.That(stored["dueDateTime"]!["timeZone"]!.GetValue<string>(), Is.EqualTo("W. Europe Standard Time"));
        });

        var item = (await target.GetAsync(TodoKind.Task, [created.Item.Id], CancellationToken.None)).Single().Content!;
        Assert.Multiple(() =>
        {
            Assert.That(item.Subject, Is.EqualTo("Call back"));
            Assert.That(item.Status, Is.EqualTo(TodoStatus.Started));
            Assert.That(item.Priority, Is.EqualTo(Priority.Low));
            Assert.That(item.Description, Is.EqualTo("Ask about the offer"));
            Assert.That(item.End, Is.EqualTo(Samples.Task().End));
            Assert.That(item.Start, Is.EqualTo(Samples.Task().Start));
            Assert.That(item.SourceTag, Is.EqualTo("proad:task"));
        });

        var again = await target.CreateAsync(TodoKind.Task, "db1:t1", Samples.Task(), CancellationToken.None);
        Assert.That(again.Adopted, Is.True);
        Assert.That(again.Item.Id, Is.EqualTo(created.Item.Id));
    }

    [Test]
    [Category("R-TSK-2")]
    [Category("R-NOTE-4")]
    [Category("D-6")]
    public async Task Every_status_survives_a_round_trip_and_cancelled_is_completed_plus_our_category(
        [Values] TodoStatus status)
    {
        await using var target = await _ctx.CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Task, "db1:s", Samples.Task(status: status), CancellationToken.None);

        var stored = _ctx.Fake.List(GraphTestContext.Mailbox, FakeCollection.Tasks).Single();
        var expected = status switch
        {
            TodoStatus.New => "notStarted",
            TodoStatus.Started => "inProgress",
            TodoStatus.Waiting => "waitingOnOthers",
            TodoStatus.Deferred => "deferred",
            _ => "completed",
        };
        Assert.That(stored["status"]!.GetValue<string>(), Is.EqualTo(expected));
        Assert.That(stored["categories"]!.AsArray().Select(c => c!.GetValue<string>()),
            status == TodoStatus.Cancelled ? Does.Contain("ProadSync: cancelled") : Is.Empty);

        var item = (await target.GetAsync(TodoKind.Task, [created.Item.Id], CancellationToken.None)).Single().Content!;
        Assert.That(item.Status, Is.EqualTo(status));
    }

    [Test]
    [Category("D-6")]
    public async Task A_cancelled_task_reopened_in_To_Do_is_no_longer_cancelled()
    {
        await using var target = await _ctx.CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Task, "db1:c", Samples.Task(status: TodoStatus.Cancelled), CancellationToken.None);
        _ctx.Fake.Edit(GraphTestContext.Mailbox, FakeCollection.Tasks, created.Item.Id, t => t["status"] = "inProgress");

        var item = (await target.GetAsync(TodoKind.Task, [created.Item.Id], CancellationToken.None)).Single().Content!;

        Assert.That(item.Status, Is.EqualTo(TodoStatus.Started));
    }

    [Test]
    public async Task Task_delta_reports_a_full_listing_then_changes_and_deletions()
    {
        await using var target = await _ctx.CalendarAsync(_ctx.Settings(pageSize: 2));
        var a = (await target.CreateAsync(TodoKind.Task, "db1:a", Samples.Task("a"), CancellationToken.None)).Item;
        var b = (await target.CreateAsync(TodoKind.Task, "db1:b", Samples.Task("b"), CancellationToken.None)).Item;
        var c = (await target.CreateAsync(TodoKind.Task, "db1:c", Samples.Task("c"), CancellationToken.None)).Item;

        var full = await target.GetChangesAsync(TodoKind.Task, null, Samples.Window, CancellationToken.None);
        Assert.That(full.IsFullListing, Is.True);
        Assert.That(full.Items, Is.EquivalentTo(new[] { a, b, c }));

        _ctx.Fake.Edit(GraphTestContext.Mailbox, FakeCollection.Tasks, b.Id, t => t["title"] = "b edited");
        _ctx.Fake.Delete(GraphTestContext.Mailbox, FakeCollection.Tasks, c.Id);
        var changes = await target.GetChangesAsync(TodoKind.Task, full.NextCursor, Samples.Window, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(changes.IsFullListing, Is.False);
            Assert.That(changes.Items.Select(i => i.Id), Is.EqualTo(new[] { b.Id }));
            Assert.That(changes.DeletedIds, Is.EqualTo(new[] { c.Id }));
        });

        _ctx.Fake.ExpireDeltaTokens();
        var resync = await target.GetChangesAsync(TodoKind.Task, changes.NextCursor, Samples.Window, CancellationToken.None);
        Assert.That(resync.IsFullListing, Is.True);
        Assert.That(resync.Items.Select(i => i.Id), Is.EquivalentTo(new[] { a.Id, b.Id }));
    }

    [Test]
    public async Task Task_updates_and_deletes_are_guarded_by_the_etag()
    {
        await using var target = await _ctx.CalendarAsync();
        var created = await target.CreateAsync(TodoKind.Task, "db1:g", Samples.Task(), CancellationToken.None);
        var updated = await target.UpdateAsync(TodoKind.Task, created.Item, Samples.Task("renamed", TodoStatus.Done), CancellationToken.None);

        Assert.That(_ctx.Fake.List(GraphTestContext.Mailbox, FakeCollection.Tasks).Single()["title"]!.GetValue<string>(), Is.EqualTo("renamed"));
        Assert.ThrowsAsync<VersionConflictException>(() => target.UpdateAsync(TodoKind.Task, created.Item, Samples.Task(), CancellationToken.None));
        Assert.ThrowsAsync<VersionConflictException>(() => target.DeleteAsync(TodoKind.Task, created.Item, CancellationToken.None));

        await target.DeleteAsync(TodoKind.Task, updated, CancellationToken.None);
        Assert.That(_ctx.Fake.List(GraphTestContext.Mailbox, FakeCollection.Tasks), Is.Empty);
    }

    [Test]
    public async Task A_task_made_in_To_Do_has_no_source_tag()
    {
        var id = _ctx.Fake.Create(GraphTestContext.Mailbox, FakeCollection.Tasks, new JsonObject
        {
            ["title"] = "mine",
            ["status"] = "notStarted",
            ["dueDateTime"] = new JsonObject { ["dateTime"] = "2026-12-10T00:00:00.0000000", ["timeZone"] = "UTC" },
        });
        await using var target = await _ctx.CalendarAsync();

        var item = (await target.GetAsync(TodoKind.Task, [id], CancellationToken.None)).Single().Content!;

        Assert.That(item.SourceTag, Is.Null);
        Assert.That(item.End, Is.EqualTo(new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero)));
    }
}
