using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ProadSync.Core.Leading;
using ProadSync.Storage.Sqlite.Schema;

namespace ProadSync.Storage.Sqlite;

/// <summary>The catalog of leading databases in <c>catalog.db</c>.</summary>
internal sealed partial class SqliteCatalog : ILeadingCatalog
{
    private readonly string home;
    private readonly SqliteDatabase db;
    private readonly TimeProvider timeProvider;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;

    private SqliteCatalog(string home, SqliteDatabase db, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        this.home = home;
        this.db = db;
        this.timeProvider = timeProvider;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger("ProadSync.Storage.Sqlite");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    /// <summary>Opens the catalog (creating the folder and file, migrating the schema).</summary>
    /// <param name="home">The full path of the home folder.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <returns>The catalog.</returns>
    public static SqliteCatalog Open(string home, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        SqliteDatabase? db = null;
        try
        {
            Directory.CreateDirectory(home);
            db = SqliteDatabase.Create(FileConnectionString(Path.Combine(home, SqliteLeadingCatalog.CatalogFileName)), null);
            db.InitializeAsync(CatalogSchema.Migrations, "catalog", timeProvider.GetUtcNow(), CancellationToken.None).GetAwaiter().GetResult();
            return new SqliteCatalog(home, db, timeProvider, loggerFactory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            db?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw new LeadingValidationException($"The catalog in the home folder '{home}' cannot be opened ({ex.Message}).");
        }
    }

    /// <inheritdoc />
    public async Task<DatabaseInfo> AddDatabaseAsync(string name, string? connectionString, string? timeZoneId, CancellationToken cancellationToken)
    {
        if (name is null || !NamePattern().IsMatch(name))
        {
            throw new LeadingValidationException(
                $"The database name '{name}' is not allowed; use 1 to 64 letters, digits, '-' or '_', starting with a letter or digit.");
        }

        var zone = timeZoneId ?? SqliteLeadingCatalog.HostTimeZoneId();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            throw new LeadingValidationException($"The time zone '{zone}' is unknown; use an IANA id such as 'Europe/Berlin'.");
        }

        if (connectionString is not null && string.IsNullOrWhiteSpace(connectionString))
        {
            throw new LeadingValidationException("The connection string is empty; leave it out to create a SQLite file in the home folder.");
        }

        if (await FindDatabaseAsync(name, cancellationToken) is { } existing)
        {
            throw new LeadingValidationException($"A database named '{existing.Name}' exists already; names are unique regardless of case.");
        }

        var cs = connectionString
            ?? FileConnectionString(Path.Combine(SqliteLeadingCatalog.DatabasesFolderName, name + ".db"));
        var info = new DatabaseInfo(name, SqliteLeadingStore.ProviderName, cs, zone);

        // Create (or migrate) the store before registering it, so a failure registers nothing.
        await using (await OpenStoreAsync(info, cancellationToken))
        {
        }

        await db.WriteAsync((c, tx) =>
        {
            using var insert = c.Command(tx, """
                INSERT INTO databases (name, provider, connection_string, time_zone, created_at) VALUES ($n, $p, $cs, $tz, $now)
                ON CONFLICT (name) DO NOTHING;
                """).With("$n", info.Name).With("$p", info.Provider).With("$cs", info.ConnectionString).With("$tz", info.TimeZoneId)
                .With("$now", timeProvider.GetUtcNow());
            if (insert.ExecuteNonQuery() == 0)
            {
                throw new LeadingValidationException($"A database named '{name}' exists already; names are unique regardless of case.");
            }

            return true;
        }, cancellationToken);
        Log.DatabaseAdded(logger, info.Name, info.Provider, info.TimeZoneId);
        return info;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DatabaseInfo>> ListDatabasesAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<DatabaseInfo>>(c =>
        {
            using var select = c.Command(null, "SELECT * FROM databases ORDER BY name;");
            return ReadDatabases(select);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<DatabaseInfo?> FindDatabaseAsync(string name, CancellationToken cancellationToken) =>
        db.ReadAsync(c =>
        {
            using var select = c.Command(null, "SELECT * FROM databases WHERE name = $n;").With("$n", name);
            return ReadDatabases(select).FirstOrDefault();
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<ILeadingSystem> OpenAsync(string name, CancellationToken cancellationToken)
    {
        var info = await FindDatabaseAsync(name, cancellationToken)
            ?? throw new LeadingValidationException($"No database named '{name}' is registered; add it first.");
        return await OpenStoreAsync(info, cancellationToken);
    }

    /// <inheritdoc />
    public Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken) =>
        db.ReadAsync(c =>
        {
            using var select = c.Command(null, "SELECT value FROM settings WHERE key = $k;").With("$k", key);
            return select.ExecuteScalar() as string;
        }, cancellationToken);

    /// <inheritdoc />
    public Task SetSettingAsync(string key, string? value, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new LeadingValidationException("A setting needs a key; the key was empty.");
        }

        return db.WriteAsync((c, tx) =>
        {
            using var command = value is null
                ? c.Command(tx, "DELETE FROM settings WHERE key = $k;").With("$k", key)
                : c.Command(tx, "INSERT INTO settings (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value;")
                    .With("$k", key).With("$v", value);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    private async Task<ILeadingSystem> OpenStoreAsync(DatabaseInfo info, CancellationToken cancellationToken)
    {
        if (!string.Equals(info.Provider, SqliteLeadingStore.ProviderName, StringComparison.OrdinalIgnoreCase))
        {
            throw new LeadingValidationException($"The database '{info.Name}' uses the provider '{info.Provider}', which this host cannot open.");
        }

        return await SqliteLeadingSystem.OpenAsync(info, home, StoreSchema.Migrations, timeProvider, loggerFactory.CreateLogger("ProadSync.Storage.Sqlite"), cancellationToken);
    }

    private static string FileConnectionString(string path) => new SqliteConnectionStringBuilder { DataSource = path }.ToString();

    private static List<DatabaseInfo> ReadDatabases(SqliteCommand command)
    {
        var list = new List<DatabaseInfo>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new DatabaseInfo(reader.RequiredText("name"), reader.RequiredText("provider"), reader.RequiredText("connection_string"), reader.RequiredText("time_zone")));
        }

        return list;
    }
}
