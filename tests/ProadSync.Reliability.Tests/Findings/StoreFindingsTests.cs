using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.Storage.Sqlite;

namespace ProadSync.Reliability.Tests.Findings;

/// <summary>Regression tests for what the chaos runs found in the SQLite store (schema version 3).</summary>
[TestFixture]
public sealed class StoreFindingsTests
{
    private string _root = null!;
    private ILeadingSystem _store = null!;

    [SetUp]
    public async Task SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "proadsync-rel-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_root);
        var catalog = SqliteLeadingCatalog.Open(_root, TimeProvider.System, NullLoggerFactory.Instance);
        await catalog.AddDatabaseAsync("acme", null, "Europe/Berlin", CancellationToken.None);
        _store = await catalog.OpenAsync("acme", CancellationToken.None);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private static CalendarItem Appointment(string subject) => new()
    {
        Kind = TodoKind.Appointment,
        Subject = subject,
        Start = new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero),
        End = new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero),
    };

    [Test, Description("A reused id carries the same external identity (proadsync-<db>-<id>): the new to-do would adopt the deleted one's external copy.")]
    public async Task A_deleted_to_dos_id_is_never_given_to_a_new_one()
    {
        var user = await _store.AddUserAsync("anna", "Anna", true, CancellationToken.None);
        await _store.AddTodoAsync(new TodoDraft(user.Id, Appointment("first")), CancellationToken.None);
        var last = await _store.AddTodoAsync(new TodoDraft(user.Id, Appointment("second")), CancellationToken.None);
        await _store.DeleteTodoAsync(last.Id, CancellationToken.None);

        var next = await _store.AddTodoAsync(new TodoDraft(user.Id, Appointment("third")), CancellationToken.None);

        Assert.That(next.Id, Is.GreaterThan(last.Id));
    }

    [Test]
    public async Task A_deleted_contacts_id_is_never_given_to_a_new_one()
    {
        var last = await _store.AddContactAsync(new ContactData { LastName = "A" }, true, CancellationToken.None);
        await _store.DeleteContactAsync(last.Id, CancellationToken.None);
        var next = await _store.AddContactAsync(new ContactData { LastName = "B" }, true, CancellationToken.None);
        Assert.That(next.Id, Is.GreaterThan(last.Id));
    }

    [Test, Category("R-MODE-1WAY-2"), Category("R-MODE-EXPORT-1"), Description("The engine remembers an external delete with an empty external id; several such links coexist.")]
    public async Task Links_that_remember_an_external_delete_are_stored_side_by_side()
    {
        var user = await _store.AddUserAsync("anna", "Anna", true, CancellationToken.None);
        var account = await _store.SaveAccountAsync(new SyncAccount { UserId = user.Id, PluginId = "vdir", Url = "/tmp/x", Enabled = true, Mode = SyncMode.OneWay }, CancellationToken.None);
        var a = await _store.AddTodoAsync(new TodoDraft(user.Id, Appointment("a")), CancellationToken.None);
        var b = await _store.AddTodoAsync(new TodoDraft(user.Id, Appointment("b")), CancellationToken.None);
        foreach (var todo in new[] { a, b })
        {
            await _store.SaveLinkAsync(new SyncLink
            {
                AccountId = account.Id,
                Kind = LinkKind.Appointment,
                LeadingId = todo.Id,
                Identity = $"proadsync-acme-{todo.Id}",
                ExternalId = string.Empty,
                ExternalVersion = string.Empty,
                LeadingRevision = todo.Revision,
            }, CancellationToken.None);
        }

        var links = await _store.ListLinksAsync(account.Id, LinkKind.Appointment, CancellationToken.None);
        Assert.That(links.Select(l => (l.LeadingId, l.ExternalId)), Is.EquivalentTo(new[] { (a.Id, ""), (b.Id, "") }));
    }

    [Test]
    public async Task Two_links_to_the_same_real_external_item_are_still_refused()
    {
        var user = await _store.AddUserAsync("anna", "Anna", true, CancellationToken.None);
        var account = await _store.SaveAccountAsync(new SyncAccount { UserId = user.Id, PluginId = "vdir", Url = "/tmp/x", Enabled = true, Mode = SyncMode.TwoWay }, CancellationToken.None);
        var a = await _store.AddTodoAsync(new TodoDraft(user.Id, Appointment("a")), CancellationToken.None);
        var b = await _store.AddTodoAsync(new TodoDraft(user.Id, Appointment("b")), CancellationToken.None);
        SyncLink Link(long id) => new() { AccountId = account.Id, Kind = LinkKind.Appointment, LeadingId = id, Identity = "x", ExternalId = "same.ics", ExternalVersion = "1", LeadingRevision = 1 };
        await _store.SaveLinkAsync(Link(a.Id), CancellationToken.None);
        Assert.ThrowsAsync<LeadingValidationException>(() => _store.SaveLinkAsync(Link(b.Id), CancellationToken.None));
    }
}
