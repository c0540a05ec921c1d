using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.Storage.Sqlite;

namespace ProadSync.Storage.Tests;

public class CatalogTests
{
    private static CancellationToken Ct => CancellationToken.None;

    private string home = null!;
    private FakeTimeProvider clock = null!;

    [SetUp]
    public void CreateHome()
    {
        home = Path.Combine(Path.GetTempPath(), "proadsync-catalog-" + Guid.NewGuid().ToString("N"));
        clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public void RemoveHome()
    {
        if (Directory.Exists(home))
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Test]
    public async Task Added_database_gets_a_file_in_the_home_folder_and_keeps_its_data_across_openings()
    {
        var catalog = SqliteLeadingCatalog.Open(home, clock);

        var info = await catalog.AddDatabaseAsync("Kunde_A-1", null, "Europe/Berlin", Ct);

        Assert.That(File.Exists(Path.Combine(home, "catalog.db")), Is.True);
        Assert.That(File.Exists(Path.Combine(home, "databases", "Kunde_A-1.db")), Is.True);
        Assert.That(info, Is.EqualTo(new DatabaseInfo("Kunde_A-1", "sqlite", "Data Source=databases/Kunde_A-1.db", "Europe/Berlin")));
        await using (var store = await catalog.OpenAsync("kunde_a-1", Ct))
        {
            Assert.That(store.Database, Is.EqualTo(info));
            var user = await store.AddUserAsync("anna", "Anna", true, Ct);
            await store.AddTodoAsync(new TodoDraft(user.Id, new CalendarItem { Kind = TodoKind.Task, Subject = "bleibt" }), Ct);
        }

        var reopened = SqliteLeadingCatalog.Open(home, clock);
        await using var again = await reopened.OpenAsync("KUNDE_A-1", Ct);
        var todos = await again.ListTodosAsync(new TodoQuery(), Ct);
        Assert.That(todos.Select(t => t.Content.Subject), Is.EqualTo(new[] { "bleibt" }));
    }

    [Test]
    public async Task Databases_are_listed_by_name_and_found_regardless_of_case()
    {
        var catalog = SqliteLeadingCatalog.Open(home, clock);
        await catalog.AddDatabaseAsync("zeta", null, "UTC", Ct);
        await catalog.AddDatabaseAsync("Alpha", null, "America/New_York", Ct);

        var names = (await catalog.ListDatabasesAsync(Ct)).Select(d => d.Name);
        var found = await catalog.FindDatabaseAsync("ALPHA", Ct);

        Assert.That(names, Is.EqualTo(new[] { "Alpha", "zeta" }));
        Assert.That(found?.Name, Is.EqualTo("Alpha"));
        Assert.That(found?.TimeZoneId, Is.EqualTo("America/New_York"));
        Assert.That(await catalog.FindDatabaseAsync("beta", Ct), Is.Null);
    }

    [TestCase("")]
    [TestCase("-lead")]
    [TestCase("_lead")]
    [TestCase("mit leer")]
    [TestCase("münchen")]
    [TestCase("../escape")]
    [TestCase("a/b")]
    [TestCase("a.db")]
    public async Task Bad_names_are_refused_with_a_sentence(string name)
    {
        var catalog = SqliteLeadingCatalog.Open(home, clock);

        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => catalog.AddDatabaseAsync(name, null, null, Ct));

        Assert.That(ex!.Message, Does.Contain("letters, digits"));
        Assert.That(await catalog.ListDatabasesAsync(Ct), Is.Empty);
        Assert.That(Directory.Exists(Path.Combine(home, "databases")), Is.False);
    }

    [Test]
    public async Task Names_of_64_characters_are_allowed_and_of_65_refused()
    {
        var catalog = SqliteLeadingCatalog.Open(home, clock);

        await catalog.AddDatabaseAsync(new string('a', 64), null, "UTC", Ct);

        Assert.ThrowsAsync<LeadingValidationException>(() => catalog.AddDatabaseAsync(new string('b', 65), null, "UTC", Ct));
    }

    [Test]
    public async Task Duplicate_names_are_refused_regardless_of_case()
    {
        var catalog = SqliteLeadingCatalog.Open(home, clock);
        await catalog.AddDatabaseAsync("main", null, "UTC", Ct);

        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => catalog.AddDatabaseAsync("MAIN", null, "UTC", Ct));

        Assert.That(ex!.Message, Does.Contain("exists already"));
        Assert.That(await catalog.ListDatabasesAsync(Ct), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Time_zone_defaults_to_the_hosts_and_unknown_zones_are_refused()
    {
        var catalog = SqliteLeadingCatalog.Open(home, clock);

        var info = await catalog.AddDatabaseAsync("tz", null, null, Ct);
        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => catalog.AddDatabaseAsync("bad", null, "Middle/Earth", Ct));

        Assert.That(info.TimeZoneId, Is.EqualTo(SqliteLeadingCatalog.HostTimeZoneId()));
        Assert.That(TimeZoneInfo.TryFindSystemTimeZoneById(info.TimeZoneId, out _), Is.True);
        Assert.That(ex!.Message, Does.Contain("Middle/Earth"));
    }

    [Test]
    public void Opening_an_unknown_database_is_refused()
    {
        var catalog = SqliteLeadingCatalog.Open(home, clock);
        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => catalog.OpenAsync("nothing", Ct));
        Assert.That(ex!.Message, Does.Contain("No database named 'nothing'"));
    }

    [Test]
    public async Task A_database_can_live_in_memory_or_in_a_given_file()
    {
        var catalog = SqliteLeadingCatalog.Open(home, clock);
        var file = Path.Combine(home, "elsewhere", "x.db");

        await catalog.AddDatabaseAsync("mem", $"Data Source=cat-{Guid.NewGuid():N};Mode=Memory;Cache=Shared", "UTC", Ct);
        await catalog.AddDatabaseAsync("file", $"Data Source={file}", "UTC", Ct);

        await using (var mem = await catalog.OpenAsync("mem", Ct))
        {
            await mem.AddUserAsync("anna", "Anna", false, Ct);
            Assert.That(await mem.ListUsersAsync(Ct), Has.Count.EqualTo(1));
        }

        Assert.That(File.Exists(file), Is.True);
    }

    [Test]
    public async Task A_relative_file_is_kept_relative_and_resolved_against_the_home_folder()
    {
        var catalog = SqliteLeadingCatalog.Open(home, clock);

        var info = await catalog.AddDatabaseAsync("rel", "Data Source=tenants/rel.db", "UTC", Ct);
        await using var store = await catalog.OpenAsync("rel", Ct);

        Assert.That(info.ConnectionString, Is.EqualTo("Data Source=tenants/rel.db"));
        Assert.That(File.Exists(Path.Combine(home, "tenants", "rel.db")), Is.True);
    }

    [TestCase("Data Source=:memory:")]
    [TestCase("Mode=Memory")]
    [TestCase("this is not a connection string")]
    public async Task Unusable_connection_strings_are_refused_and_nothing_is_registered(string connectionString)
    {
        var catalog = SqliteLeadingCatalog.Open(home, clock);

        Assert.ThrowsAsync<LeadingValidationException>(() => catalog.AddDatabaseAsync("x", connectionString, "UTC", Ct));

        Assert.That(await catalog.ListDatabasesAsync(Ct), Is.Empty);
    }

    [Test]
    public async Task A_store_that_cannot_be_created_is_not_registered()
    {
        var catalog = SqliteLeadingCatalog.Open(home, clock);
        var blocker = Path.Combine(home, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");

        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => catalog.AddDatabaseAsync("blocked", $"Data Source={Path.Combine(blocker, "x.db")}", "UTC", Ct));

        Assert.That(ex!.Message, Does.Contain("'blocked' cannot be"));
        Assert.That(await catalog.ListDatabasesAsync(Ct), Is.Empty);
    }

    [Test]
    public async Task A_file_that_is_not_a_database_is_refused_with_a_sentence()
    {
        var catalog = SqliteLeadingCatalog.Open(home, clock);
        var garbage = Path.Combine(home, "garbage.db");
        await File.WriteAllTextAsync(garbage, new string('x', 4096));

        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => catalog.AddDatabaseAsync("garbage", "Data Source=garbage.db", "UTC", Ct));

        Assert.That(ex!.Message, Does.StartWith("The store of database 'garbage' cannot be opened"));
        Assert.That(await catalog.ListDatabasesAsync(Ct), Is.Empty);
    }

    [Test]
    public async Task A_home_folder_with_a_semicolon_and_spaces_works()
    {
        var odd = Path.Combine(home, "Mein Ordner; Test");
        var catalog = SqliteLeadingCatalog.Open(odd, clock);

        await catalog.AddDatabaseAsync("odd", null, "UTC", Ct);
        await using var store = await catalog.OpenAsync("odd", Ct);

        Assert.That(File.Exists(Path.Combine(odd, "databases", "odd.db")), Is.True);
        Assert.That(await store.ListUsersAsync(Ct), Is.Empty);
    }

    [Test]
    public async Task Settings_are_stored_replaced_and_removed()
    {
        var catalog = SqliteLeadingCatalog.Open(home, clock);

        await catalog.SetSettingAsync("licence", "key-1", Ct);
        await catalog.SetSettingAsync("licence", "key-2 ü", Ct);
        await catalog.SetSettingAsync("interfaces", "caldav,exchange", Ct);

        Assert.That(await SqliteLeadingCatalog.Open(home, clock).GetSettingAsync("licence", Ct), Is.EqualTo("key-2 ü"));
        await catalog.SetSettingAsync("licence", null, Ct);
        Assert.That(await catalog.GetSettingAsync("licence", Ct), Is.Null);
        Assert.That(await catalog.GetSettingAsync("interfaces", Ct), Is.EqualTo("caldav,exchange"));
    }

    [Test]
    public async Task The_service_extension_registers_the_catalog_with_the_registered_clock()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSqliteLeadingStore(home);
        await using var provider = services.BuildServiceProvider();

        var catalog = provider.GetRequiredService<ILeadingCatalog>();
        await catalog.AddDatabaseAsync("di", null, "UTC", Ct);
        await using var store = await catalog.OpenAsync("di", Ct);
        var contact = await store.AddContactAsync(new ContactData { LastName = "X" }, true, Ct);

        Assert.That(contact.ModifiedAt, Is.EqualTo(clock.GetUtcNow()));
    }
}
