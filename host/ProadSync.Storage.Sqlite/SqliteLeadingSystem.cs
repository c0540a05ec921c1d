using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ProadSync.Core.Leading;
using ProadSync.Storage.Sqlite.Schema;

namespace ProadSync.Storage.Sqlite;

/// <summary>The SQLite implementation of the leading-system port (one database).</summary>
internal sealed partial class SqliteLeadingSystem : ILeadingSystem
{
    private readonly SqliteDatabase db;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    private SqliteLeadingSystem(DatabaseInfo database, SqliteDatabase db, TimeProvider timeProvider, ILogger logger)
    {
        Database = database;
        this.db = db;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <inheritdoc />
    public DatabaseInfo Database { get; }

    /// <summary>Opens (and migrates) a store.</summary>
    /// <param name="database">The catalog entry.</param>
    /// <param name="baseDirectory">The folder relative file names are resolved against, or <see langword="null"/>.</param>
    /// <param name="migrations">The schema's migrations.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open store.</returns>
    public static async Task<SqliteLeadingSystem> OpenAsync(
        DatabaseInfo database,
        string? baseDirectory,
        IReadOnlyList<Migration> migrations,
        TimeProvider timeProvider,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        SqliteDatabase sqlite;
        try
        {
            sqlite = SqliteDatabase.Create(database.ConnectionString, baseDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LeadingValidationException($"The store of database '{database.Name}' cannot be created ({ex.Message}).");
        }

        try
        {
            var (from, to) = await sqlite.InitializeAsync(migrations, database.Name, timeProvider.GetUtcNow(), cancellationToken);
            if (from != to)
            {
                Log.Migrated(logger, database.Name, from, to);
            }

            return new SqliteLeadingSystem(database, sqlite, timeProvider, logger);
        }
        catch (SqliteException ex)
        {
            await sqlite.DisposeAsync();
            throw new LeadingValidationException($"The store of database '{database.Name}' cannot be opened ({ex.Message}).");
        }
        catch
        {
            await sqlite.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => db.DisposeAsync();

    private DateTimeOffset Now() => timeProvider.GetUtcNow();

    // ---- users -----------------------------------------------------------------------------------------------

    private const string UserColumns = "id, login, display_name, may_configure_sync, is_admin, password_hash";

    /// <inheritdoc />
    public Task<LeadingUser> AddUserAsync(string login, string displayName, bool mayConfigureSync, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(login))
        {
            throw new LeadingValidationException("A user needs a login; the login was empty.");
        }

        return db.WriteAsync((c, tx) =>
        {
            EnsureLoginFree(c, tx, login, 0);
            using var insert = c.Command(tx, "INSERT INTO users (login, display_name, may_configure_sync, is_admin, password_hash) VALUES ($l, $d, $m, 0, NULL) RETURNING id;")
                .With("$l", login).With("$d", displayName ?? string.Empty).With("$m", mayConfigureSync);
            var id = insert.ScalarLong()!.Value;
            return new LeadingUser(id, login, displayName ?? string.Empty, mayConfigureSync);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateUserAsync(LeadingUser user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(user.Login))
        {
            throw new LeadingValidationException("A user needs a login; the login was empty.");
        }

        return db.WriteAsync((c, tx) =>
        {
            EnsureLoginFree(c, tx, user.Login, user.Id);
            using var update = c.Command(tx, "UPDATE users SET login = $l, display_name = $d, may_configure_sync = $m, is_admin = $a, password_hash = $p WHERE id = $id;")
                .With("$l", user.Login).With("$d", user.DisplayName ?? string.Empty).With("$m", user.MayConfigureSync)
                .With("$a", user.IsAdmin).With("$p", user.PasswordHash).With("$id", user.Id);
            if (update.ExecuteNonQuery() == 0)
            {
                throw new LeadingValidationException($"User {user.Id} does not exist, so it cannot be changed.");
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<LeadingUser?> FindUserAsync(string login, CancellationToken cancellationToken) =>
        db.ReadAsync(c =>
        {
            using var select = c.Command(null, $"SELECT {UserColumns} FROM users WHERE login = $l;").With("$l", login);
            return ReadUsers(select).FirstOrDefault();
        }, cancellationToken);

    /// <inheritdoc />
    public Task<LeadingUser?> GetUserAsync(long id, CancellationToken cancellationToken) =>
        db.ReadAsync(c =>
        {
            using var select = c.Command(null, $"SELECT {UserColumns} FROM users WHERE id = $id;").With("$id", id);
            return ReadUsers(select).FirstOrDefault();
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<LeadingUser>> ListUsersAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<LeadingUser>>(c =>
        {
            using var select = c.Command(null, $"SELECT {UserColumns} FROM users ORDER BY login, id;");
            return ReadUsers(select);
        }, cancellationToken);

    private static List<LeadingUser> ReadUsers(SqliteCommand command)
    {
        var users = new List<LeadingUser>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            users.Add(new LeadingUser(reader.Long("id"), reader.RequiredText("login"), reader.RequiredText("display_name"), reader.Bool("may_configure_sync"))
            {
                IsAdmin = reader.Bool("is_admin"),
                PasswordHash = reader.Text("password_hash"),
            });
        }

        return users;
    }

    private static void EnsureLoginFree(SqliteConnection c, SqliteTransaction tx, string login, long exceptId)
    {
        using var check = c.Command(tx, "SELECT id FROM users WHERE login = $l AND id <> $id;").With("$l", login).With("$id", exceptId);
        if (check.ScalarLong() is not null)
        {
            throw new LeadingValidationException($"A user with the login '{login}' exists already; logins are unique regardless of case.");
        }
    }

    private static void EnsureUserExists(SqliteConnection c, SqliteTransaction tx, long userId, string purpose)
    {
        using var check = c.Command(tx, "SELECT id FROM users WHERE id = $id;").With("$id", userId);
        if (check.ScalarLong() is null)
        {
            throw new LeadingValidationException($"User {userId} does not exist; {purpose}.");
        }
    }
}
