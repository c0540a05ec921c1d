using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProadSync.Core.Leading;
using ProadSync.Storage.Sqlite.Schema;

namespace ProadSync.Storage.Sqlite;

/// <summary>Opens the embedded SQLite leading store directly (tools and tests; the host goes through the catalog).</summary>
public static class SqliteLeadingStore
{
    /// <summary>The provider name the catalog records for SQLite databases.</summary>
    public const string ProviderName = "sqlite";

    /// <summary>The schema version this code creates and understands.</summary>
    public static int SchemaVersion => StoreSchema.Migrations.Count;

    /// <summary>
    /// Opens a fresh, empty in-memory leading database with the real schema and rules (engine tests, tools). It
    /// vanishes when the store is disposed.
    /// </summary>
    /// <param name="timeZoneId">The database's IANA time zone.</param>
    /// <param name="timeProvider">The clock for every time stamp the store writes.</param>
    /// <param name="loggerFactory">The logger factory, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The store; the caller disposes it.</returns>
    public static Task<ILeadingSystem> OpenInMemoryAsync(string timeZoneId, TimeProvider timeProvider, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var name = "memory-" + Guid.NewGuid().ToString("N");
        return OpenAsync(new DatabaseInfo(name, ProviderName, $"Data Source={name};Mode=Memory;Cache=Shared", timeZoneId), timeProvider, loggerFactory, cancellationToken);
    }

    /// <summary>Opens a SQLite leading database, creating it when it does not exist and migrating its schema forward.</summary>
    /// <param name="database">
    /// The database: its <see cref="DatabaseInfo.ConnectionString"/> is a file (<c>Data Source=path.db</c>) or a shared
    /// in-memory database (<c>Data Source=name;Mode=Memory;Cache=Shared</c>, alive until the store is disposed). A relative
    /// file name is taken relative to the current directory (the catalog resolves it against its home folder).
    /// </param>
    /// <param name="timeProvider">The clock for every time stamp the store writes.</param>
    /// <param name="loggerFactory">The logger factory, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The store; the caller disposes it.</returns>
    /// <exception cref="LeadingValidationException">
    /// The connection string is unusable, the file cannot be opened, or its schema is newer than this code.
    /// </exception>
    /// <remarks>
    /// The store is safe for concurrent use: each operation takes its own pooled connection; writes of one store are
    /// serialised and every multi-row change is one transaction.
    /// </remarks>
    public static async Task<ILeadingSystem> OpenAsync(DatabaseInfo database, TimeProvider timeProvider, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ProadSync.Storage.Sqlite");
        return await SqliteLeadingSystem.OpenAsync(database, null, StoreSchema.Migrations, timeProvider, logger, cancellationToken);
    }
}
