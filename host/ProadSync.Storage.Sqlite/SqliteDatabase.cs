using Microsoft.Data.Sqlite;
using ProadSync.Core.Leading;
using ProadSync.Storage.Sqlite.Schema;

namespace ProadSync.Storage.Sqlite;

/// <summary>
/// The connections to one SQLite database: one pooled connection per operation, foreign keys on, a busy timeout,
/// WAL for files, and a keep-alive connection for shared in-memory databases.
/// </summary>
/// <remarks>
/// Writes of one instance are serialised by an async lock before SQLite's own write lock is taken
/// (<c>BEGIN IMMEDIATE</c>), so parallel writers wait without spinning; other processes or instances on the same file
/// wait through the busy timeout. Reads run in parallel.
/// </remarks>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private const int BusyTimeoutMilliseconds = 10_000;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private SqliteConnection? keepAlive;

    private SqliteDatabase(string connectionString, bool isMemory)
    {
        ConnectionString = connectionString;
        IsMemory = isMemory;
    }

    /// <summary>The normalised connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>Whether the database lives in memory (shared cache).</summary>
    public bool IsMemory { get; }

    /// <summary>Checks and normalises a connection string.</summary>
    /// <param name="connectionString">The connection string as configured.</param>
    /// <param name="baseDirectory">The folder relative file names are resolved against, or <see langword="null"/>.</param>
    /// <returns>The database (not yet opened).</returns>
    /// <exception cref="LeadingValidationException">The connection string is unusable.</exception>
    public static SqliteDatabase Create(string connectionString, string? baseDirectory)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new LeadingValidationException($"The connection string is not a valid SQLite connection string ({ex.Message}).");
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new LeadingValidationException("The connection string names no data source; give 'Data Source=<file>' or 'Data Source=<name>;Mode=Memory;Cache=Shared'.");
        }

        if (builder.DataSource == ":memory:")
        {
            throw new LeadingValidationException("A private ':memory:' database would vanish with every connection; use 'Data Source=<name>;Mode=Memory;Cache=Shared' instead.");
        }

        var isMemory = builder.Mode == SqliteOpenMode.Memory;
        if (isMemory)
        {
            builder.Cache = SqliteCacheMode.Shared;
        }
        else
        {
            if (baseDirectory is not null && !Path.IsPathRooted(builder.DataSource))
            {
                builder.DataSource = Path.GetFullPath(Path.Combine(baseDirectory, builder.DataSource));
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (builder.Mode == SqliteOpenMode.ReadWriteCreate && !string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        builder.ForeignKeys = true;
        builder.Pooling = true;
        builder.DefaultTimeout = BusyTimeoutMilliseconds / 1000;
        return new SqliteDatabase(builder.ToString(), isMemory);
    }

    /// <summary>Opens the database for the first time: keeps a memory database alive, switches files to WAL and migrates.</summary>
    /// <param name="migrations">The schema's migrations.</param>
    /// <param name="databaseName">The name, for messages.</param>
    /// <param name="now">The time stamp of applied migrations.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema version before and after.</returns>
    public async Task<(int From, int To)> InitializeAsync(IReadOnlyList<Migration> migrations, string databaseName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (IsMemory && keepAlive is null)
        {
            keepAlive = new SqliteConnection(ConnectionString);
            await keepAlive.OpenAsync(cancellationToken);
        }

        await writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            if (!IsMemory)
            {
                using var wal = connection.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode = WAL;";
                wal.ExecuteNonQuery();
            }

            return SchemaMigrator.Migrate(connection, migrations, databaseName, now);
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>Opens a (pooled) connection with the busy timeout set.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open connection; the caller disposes it.</returns>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs a read on its own connection.</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="work">The read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return work(connection);
    }

    /// <summary>Runs a change in one write transaction; an exception rolls everything back.</summary>
    /// <typeparam name="T">The result.</typeparam>
    /// <param name="work">The change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Pooled connections would keep a file open, or an in-memory database alive, after the store is gone.
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        if (keepAlive is not null)
        {
            await keepAlive.DisposeAsync();
            keepAlive = null;
        }

        writeLock.Dispose();
    }
}
