namespace ProadSync.Storage.Sqlite.Schema;

/// <summary>The schema of the host's catalog (<c>catalog.db</c>): the registered databases and host-wide settings.</summary>
internal static class CatalogSchema
{
    /// <summary>All migrations, in order.</summary>
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, "databases and settings", """
            CREATE TABLE databases (
                name              TEXT NOT NULL COLLATE NOCASE PRIMARY KEY,
                provider          TEXT NOT NULL,
                connection_string TEXT NOT NULL,
                time_zone         TEXT NOT NULL,
                created_at        TEXT NOT NULL
            );

            CREATE TABLE settings (
                key   TEXT NOT NULL PRIMARY KEY,
                value TEXT NOT NULL
            );
            """),
    ];
}
