using System.Globalization;
using Microsoft.Data.Sqlite;
using ProadSync.Core.Leading;

namespace ProadSync.Storage.Sqlite.Schema;

/// <summary>Brings a database forward through an ordered list of migrations, all in one transaction.</summary>
internal static class SchemaMigrator
{
    /// <summary>Migrates the database to the last version of <paramref name="migrations"/>.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="migrations">The ordered migrations (versions 1, 2, 3, …).</param>
    /// <param name="databaseName">The database's name, for messages.</param>
    /// <param name="now">The time stamp of the applied steps.</param>
    /// <returns>The version before and after.</returns>
    /// <exception cref="LeadingValidationException">The database is newer than the code.</exception>
    public static (int From, int To) Migrate(SqliteConnection connection, IReadOnlyList<Migration> migrations, string databaseName, DateTimeOffset now)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migration number {i + 1} carries version {migrations[i].Version}; versions must run 1, 2, 3, … without gaps.");
            }
        }

        var latest = migrations.Count;
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);";
            create.ExecuteNonQuery();
        }

        int current;
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
            current = Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        if (current > latest)
        {
            throw new LeadingValidationException(
                $"The database '{databaseName}' has schema version {current}, but this version of ProadSync knows only versions up to {latest}; update ProadSync before opening it.");
        }

        foreach (var migration in migrations.Where(m => m.Version > current))
        {
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = migration.Sql;
            step.ExecuteNonQuery();

            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES ($v, $d, $a);";
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$d", migration.Description);
            record.Parameters.AddWithValue("$a", now.ToString("o", CultureInfo.InvariantCulture));
            record.ExecuteNonQuery();
        }

        transaction.Commit();
        return (current, latest);
    }

    /// <summary>Reads the current schema version (0 for an empty database).</summary>
    /// <param name="connection">An open connection.</param>
    /// <returns>The version.</returns>
    public static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
