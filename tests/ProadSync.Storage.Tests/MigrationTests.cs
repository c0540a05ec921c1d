using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using ProadSync.Core.Leading;
using ProadSync.Storage.Sqlite;
using ProadSync.Storage.Sqlite.Schema;

namespace ProadSync.Storage.Tests;

public class MigrationTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

    private static string MemoryConnectionString() => $"Data Source=migrate-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";

    private static DatabaseInfo Info(string cs) => new("m", "sqlite", cs, "UTC");

    private static long Scalar(SqliteConnection c, string sql)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task A_new_store_is_at_the_latest_version_with_one_row_per_step()
    {
        var cs = MemoryConnectionString();
        await using var store = await SqliteLeadingStore.OpenAsync(Info(cs), Clock, null, CancellationToken.None);
        using var c = new SqliteConnection(cs);
        c.Open();

        Assert.That(SqliteLeadingStore.SchemaVersion, Is.EqualTo(StoreSchema.Migrations.Count).And.GreaterThanOrEqualTo(2));
        Assert.That(SchemaMigrator.ReadVersion(c), Is.EqualTo(SqliteLeadingStore.SchemaVersion));
        Assert.That(Scalar(c, "SELECT COUNT(*) FROM schema_version;"), Is.EqualTo(SqliteLeadingStore.SchemaVersion));
    }

    [Test]
    public async Task An_in_memory_store_vanishes_when_disposed_and_each_fresh_one_is_empty()
    {
        var cs = MemoryConnectionString();
        await using (var store = await SqliteLeadingStore.OpenAsync(Info(cs), Clock, null, CancellationToken.None))
        {
            await store.AddUserAsync("anna", "Anna", false, CancellationToken.None);
        }

        await using var reopened = await SqliteLeadingStore.OpenAsync(Info(cs), Clock, null, CancellationToken.None);
        await using var fresh = await SqliteLeadingStore.OpenInMemoryAsync("Europe/Berlin", Clock, null, CancellationToken.None);
        await fresh.AddUserAsync("bob", "Bob", false, CancellationToken.None);
        await using var other = await SqliteLeadingStore.OpenInMemoryAsync("UTC", Clock, null, CancellationToken.None);

        Assert.That(await reopened.ListUsersAsync(CancellationToken.None), Is.Empty);
        Assert.That(fresh.Database.TimeZoneId, Is.EqualTo("Europe/Berlin"));
        Assert.That(await other.ListUsersAsync(CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task A_version_1_database_is_migrated_to_the_latest_and_keeps_its_data()
    {
        var cs = MemoryConnectionString();
        using var keepAlive = new SqliteConnection(cs);
        keepAlive.Open();
        SchemaMigrator.Migrate(keepAlive, [StoreSchema.Tables], "m", Clock.GetUtcNow());
        using (var insert = keepAlive.CreateCommand())
        {
            insert.CommandText = "INSERT INTO users (login, display_name, may_configure_sync, is_admin) VALUES ('old', 'Old Ü', 1, 0);";
            insert.ExecuteNonQuery();
        }

        Assert.That(SchemaMigrator.ReadVersion(keepAlive), Is.EqualTo(1));
        Assert.That(Scalar(keepAlive, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'ix_todos_responsible_end';"), Is.Zero);

        await using var store = await SqliteLeadingStore.OpenAsync(Info(cs), Clock, null, CancellationToken.None);

        Assert.That(SchemaMigrator.ReadVersion(keepAlive), Is.EqualTo(SqliteLeadingStore.SchemaVersion));
        Assert.That(Scalar(keepAlive, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'ix_todos_responsible_end';"), Is.EqualTo(1));
        var user = await store.FindUserAsync("OLD", CancellationToken.None);
        Assert.That(user?.DisplayName, Is.EqualTo("Old Ü"));
    }

    [Test]
    public void A_database_newer_than_the_code_is_refused_with_a_sentence()
    {
        var cs = MemoryConnectionString();
        using var keepAlive = new SqliteConnection(cs);
        keepAlive.Open();
        SchemaMigrator.Migrate(keepAlive, StoreSchema.Migrations, "m", Clock.GetUtcNow());
        using (var insert = keepAlive.CreateCommand())
        {
            insert.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (99, 'future', '2030-01-01T00:00:00.0000000+00:00');";
            insert.ExecuteNonQuery();
        }

        var ex = Assert.ThrowsAsync<LeadingValidationException>(() => SqliteLeadingStore.OpenAsync(Info(cs), Clock, null, CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("schema version 99").And.Contain("update ProadSync"));
    }

    [Test]
    public void A_failing_step_rolls_back_every_step_of_that_opening()
    {
        var cs = MemoryConnectionString();
        using var c = new SqliteConnection(cs);
        c.Open();
        Migration[] v1 = [new(1, "one", "CREATE TABLE a (x INTEGER);")];
        SchemaMigrator.Migrate(c, v1, "t", Clock.GetUtcNow());
        Migration[] broken = [.. v1, new(2, "two", "CREATE TABLE b (y INTEGER);"), new(3, "three", "THIS IS NOT SQL;")];

        Assert.Throws<SqliteException>(() => SchemaMigrator.Migrate(c, broken, "t", Clock.GetUtcNow()));

        Assert.That(SchemaMigrator.ReadVersion(c), Is.EqualTo(1));
        Assert.That(Scalar(c, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'b';"), Is.Zero);
    }

    [Test]
    public void Steps_run_in_order_once_and_gaps_are_a_programming_error()
    {
        var cs = MemoryConnectionString();
        using var c = new SqliteConnection(cs);
        c.Open();
        Migration[] steps = [new(1, "one", "CREATE TABLE a (x INTEGER);"), new(2, "two", "INSERT INTO a VALUES (1);"), new(3, "three", "INSERT INTO a SELECT x + 1 FROM a;")];

        Assert.That(SchemaMigrator.Migrate(c, steps[..1], "t", Clock.GetUtcNow()), Is.EqualTo((0, 1)));
        Assert.That(SchemaMigrator.Migrate(c, steps, "t", Clock.GetUtcNow()), Is.EqualTo((1, 3)));
        Assert.That(SchemaMigrator.Migrate(c, steps, "t", Clock.GetUtcNow()), Is.EqualTo((3, 3)));
        Assert.That(Scalar(c, "SELECT COUNT(*) FROM a;"), Is.EqualTo(2), "step 3 ran exactly once");
        Assert.That(Scalar(c, "SELECT SUM(x) FROM a;"), Is.EqualTo(3), "step 3 ran after step 2");
        Assert.Throws<InvalidOperationException>(() => SchemaMigrator.Migrate(c, [steps[0], steps[2]], "t", Clock.GetUtcNow()));
    }
}
