using Microsoft.Extensions.Time.Testing;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.Storage.Sqlite;

namespace ProadSync.Storage.Tests;

public class ConcurrencyTests
{
    private const int Writers = 6;
    private const int ChangesPerWriter = 20;
    private static CancellationToken Ct => CancellationToken.None;

    private string folder = null!;
    private FakeTimeProvider clock = null!;

    [SetUp]
    public void CreateFolder()
    {
        folder = Path.Combine(Path.GetTempPath(), "proadsync-concurrency-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public void RemoveFolder() => Directory.Delete(folder, recursive: true);

    private DatabaseInfo Info(bool inMemory) => new(
        "c",
        "sqlite",
        inMemory ? $"Data Source=conc-{Guid.NewGuid():N};Mode=Memory;Cache=Shared" : $"Data Source={Path.Combine(folder, "c.db")}",
        "UTC");

    private static CalendarItem Item(string subject) => new() { Kind = TodoKind.Task, Subject = subject, End = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero) };

    [TestCase(false)]
    [TestCase(true)]
    public async Task Parallel_writers_lose_no_revision_and_readers_see_whole_rows(bool inMemory)
    {
        await using var store = await SqliteLeadingStore.OpenAsync(Info(inMemory), clock, null, Ct);
        var user = await store.AddUserAsync("anna", "Anna", true, Ct);
        var todo = await store.AddTodoAsync(new TodoDraft(user.Id, Item("start")), Ct);
        var contact = await store.AddContactAsync(new ContactData { LastName = "start" }, true, Ct);

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < ChangesPerWriter; i++)
            {
                await store.UpdateTodoAsync(todo.Id, new TodoDraft(user.Id, Item($"w{w}-{i}")), Ct);
                await store.UpdateContactAsync(contact.Id, new ContactData { LastName = $"w{w}-{i}" }, true, Ct);
                await store.AddUserAsync($"user-{w}-{i}", "x", false, Ct);
            }
        }));
        var reader = Task.Run(async () =>
        {
            for (var i = 0; i < ChangesPerWriter; i++)
            {
                var read = await store.GetTodoAsync(todo.Id, Ct);
                Assert.That(read!.Content.Subject, Is.EqualTo("start").Or.Match("^w\\d+-\\d+$"));
                await store.ListTodosAsync(new TodoQuery { ResponsibleUserId = user.Id }, Ct);
            }
        });
        await Task.WhenAll([.. writers, reader]);

        Assert.That((await store.GetTodoAsync(todo.Id, Ct))!.Revision, Is.EqualTo(1 + (Writers * ChangesPerWriter)));
        Assert.That((await store.GetContactAsync(contact.Id, Ct))!.Revision, Is.EqualTo(1 + (Writers * ChangesPerWriter)));
        Assert.That(await store.ListUsersAsync(Ct), Has.Count.EqualTo(1 + (Writers * ChangesPerWriter)));
    }

    [Test]
    public async Task Two_stores_on_one_file_write_in_parallel_through_the_busy_timeout()
    {
        var info = Info(inMemory: false);
        await using var first = await SqliteLeadingStore.OpenAsync(info, clock, null, Ct);
        await using var second = await SqliteLeadingStore.OpenAsync(info, clock, null, Ct);
        var user = await first.AddUserAsync("anna", "Anna", true, Ct);
        var todo = await first.AddTodoAsync(new TodoDraft(user.Id, Item("start")), Ct);

        var writers = new[] { first, second }.SelectMany(store => Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < ChangesPerWriter; i++)
            {
                await store.UpdateTodoAsync(todo.Id, new TodoDraft(user.Id, Item($"w{w}-{i}")), Ct);
            }
        })));
        await Task.WhenAll(writers);

        Assert.That((await second.GetTodoAsync(todo.Id, Ct))!.Revision, Is.EqualTo(1 + (2 * 3 * ChangesPerWriter)));
    }

    [Test, Category("R-GEN-1")]
    public async Task R_GEN_1_of_parallel_inbound_changes_on_one_revision_exactly_one_wins()
    {
        await using var store = await SqliteLeadingStore.OpenAsync(Info(inMemory: true), clock, null, Ct);
        var user = await store.AddUserAsync("anna", "Anna", true, Ct);
        var account = await store.SaveAccountAsync(new SyncAccount { UserId = user.Id, PluginId = "vdir" }, Ct);
        var todo = await store.AddTodoAsync(new TodoDraft(user.Id, Item("start")), Ct);
        var link = new SyncLink { AccountId = account.Id, Kind = LinkKind.Task, LeadingId = todo.Id, Identity = "i", ExternalId = "/t.ics", ExternalVersion = "1", LeadingRevision = 1 };

        var attempts = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            try
            {
                await store.ApplyInboundAsync(todo.Id, 1, Item($"inbound {w}"), link, Ct);
                return true;
            }
            catch (LeadingConcurrencyException)
            {
                return false;
            }
        }));
        var outcomes = await Task.WhenAll(attempts);

        Assert.That(outcomes.Count(won => won), Is.EqualTo(1));
        Assert.That((await store.GetTodoAsync(todo.Id, Ct))!.Revision, Is.EqualTo(2));
        Assert.That((await store.ListLinksAsync(account.Id, LinkKind.Task, Ct)).Single().LeadingRevision, Is.EqualTo(2));
    }
}
