using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ProadSync.Core.Leading;

namespace ProadSync.Storage.Sqlite;

/// <content>Sync accounts (SPEC section 2).</content>
internal sealed partial class SqliteLeadingSystem
{
    /// <inheritdoc />
    public Task<SyncAccount?> GetAccountByUserAsync(long userId, CancellationToken cancellationToken) =>
        db.ReadAsync(c =>
        {
            using var select = c.Command(null, "SELECT * FROM accounts WHERE user_id = $user;").With("$user", userId);
            return ReadAccounts(select).FirstOrDefault();
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SyncAccount?> GetAccountAsync(long accountId, CancellationToken cancellationToken) =>
        db.ReadAsync(c => ReadAccount(c, null, accountId), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SyncAccount>> ListAccountsAsync(CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<SyncAccount>>(c =>
        {
            using var select = c.Command(null, "SELECT * FROM accounts ORDER BY id;");
            return ReadAccounts(select);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<SyncAccount> SaveAccountAsync(SyncAccount account, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(account.PluginId))
        {
            throw new LeadingValidationException("An account needs a plugin id (for example 'caldav'); it was empty.");
        }

        if (!Enum.IsDefined(account.Mode))
        {
            throw new LeadingValidationException($"The sync mode {(int)account.Mode} is unknown; use Export, OneWay, TwoWay or Full.");
        }

        if (account.ConsecutiveFailures < 0)
        {
            throw new LeadingValidationException("The count of failed connection attempts cannot be negative.");
        }

        var options = JsonSerializer.Serialize(account.Options ?? new Dictionary<string, string>());
        return db.WriteAsync((c, tx) =>
        {
            EnsureUserExists(c, tx, account.UserId, "an account belongs to an existing user");
            if (account.Id != 0 && ReadAccount(c, tx, account.Id) is null)
            {
                throw new LeadingValidationException($"Account {account.Id} does not exist; save a new account with id 0.");
            }

            using (var other = c.Command(tx, "SELECT id FROM accounts WHERE user_id = $user AND id <> $id;").With("$user", account.UserId).With("$id", account.Id))
            {
                if (other.ScalarLong() is { } otherId)
                {
                    throw new LeadingValidationException($"User {account.UserId} already has account {otherId}; a user has one sync account.");
                }
            }

            // R-ACC-6: the same external account may not be entered for two users. A service account that impersonates
            // (AccountMailbox.Option) is a different external account per mailbox.
            if (!string.IsNullOrWhiteSpace(account.Url) && !string.IsNullOrWhiteSpace(account.UserName))
            {
                using var same = c.Command(tx, """
                    SELECT user_id, options_json FROM accounts
                    WHERE id <> $id AND plugin_id = $plugin COLLATE NOCASE AND url = $url COLLATE NOCASE AND user_name = $userName COLLATE NOCASE;
                    """).With("$id", account.Id).With("$plugin", account.PluginId).With("$url", account.Url).With("$userName", account.UserName);
                using var reader = same.ExecuteReader();
                while (reader.Read())
                {
                    var otherOptions = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(1)) ?? [];
                    if (AccountMailbox.Same(otherOptions, account.Options))
                    {
                        throw new LeadingValidationException(
                            $"The external account '{account.UserName}' at '{account.Url}' is already entered for user {reader.GetInt64(0)}; one external account serves one user only.");
                    }
                }
            }

            const string Values = """
                user_id = $user, enabled = $enabled, plugin_id = $plugin, contact_plugin_id = $contactPlugin, profile = $profile,
                url = $url, user_name = $userName, protected_secret = $secret, mode = $mode, export_contacts = $exportContacts,
                cutoff = $cutoff, consecutive_failures = $failures, last_error = $lastError, last_run_at = $lastRun,
                bound_at = $bound, disabled_reason = $disabledReason, options_json = $options
                """;
            long id;
            if (account.Id == 0)
            {
                using var insert = c.Command(tx, """
                    INSERT INTO accounts (user_id, enabled, plugin_id, contact_plugin_id, profile, url, user_name, protected_secret, mode,
                                          export_contacts, cutoff, consecutive_failures, last_error, last_run_at, bound_at,
                                          disabled_reason, options_json)
                    VALUES ($user, $enabled, $plugin, $contactPlugin, $profile, $url, $userName, $secret, $mode, $exportContacts, $cutoff,
                            $failures, $lastError, $lastRun, $bound, $disabledReason, $options)
                    RETURNING id;
                    """);
                BindAccount(insert, account, options);
                id = insert.ScalarLong()!.Value;
            }
            else
            {
                using var update = c.Command(tx, $"UPDATE accounts SET {Values} WHERE id = $id;");
                BindAccount(update, account, options).With("$id", account.Id);
                if (update.ExecuteNonQuery() == 0)
                {
                    throw new LeadingValidationException($"Account {account.Id} does not exist; save a new account with id 0.");
                }

                id = account.Id;
            }

            return ReadAccount(c, tx, id)!;
        }, cancellationToken);
    }

    /// <summary>The mailbox a service account impersonates (plugin option <c>impersonate</c>), or empty.</summary>
    private static SqliteCommand BindAccount(SqliteCommand command, SyncAccount account, string options) =>
        command.With("$user", account.UserId)
            .With("$enabled", account.Enabled)
            .With("$plugin", account.PluginId)
            .With("$contactPlugin", account.ContactPluginId)
            .With("$profile", account.Profile)
            .With("$url", account.Url)
            .With("$userName", account.UserName)
            .With("$secret", account.ProtectedSecret)
            .With("$mode", account.Mode)
            .With("$exportContacts", account.ExportContacts)
            .With("$cutoff", account.Cutoff)
            .With("$failures", account.ConsecutiveFailures)
            .With("$lastError", account.LastError)
            .With("$lastRun", account.LastRunAt)
            .With("$bound", account.BoundAt)
            .With("$disabledReason", account.DisabledReason)
            .With("$options", options);

    private static SyncAccount? ReadAccount(SqliteConnection c, SqliteTransaction? tx, long id)
    {
        using var select = c.Command(tx, "SELECT * FROM accounts WHERE id = $id;").With("$id", id);
        return ReadAccounts(select).FirstOrDefault();
    }

    private static List<SyncAccount> ReadAccounts(SqliteCommand command)
    {
        var accounts = new List<SyncAccount>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var cutoff = reader.Text("cutoff");
            accounts.Add(new SyncAccount
            {
                Id = reader.Long("id"),
                UserId = reader.Long("user_id"),
                Enabled = reader.Bool("enabled"),
                PluginId = reader.RequiredText("plugin_id"),
                ContactPluginId = reader.Text("contact_plugin_id"),
                Profile = reader.Text("profile"),
                Url = reader.Text("url"),
                UserName = reader.Text("user_name"),
                ProtectedSecret = reader.Text("protected_secret"),
                Mode = reader.Enum<SyncMode>("mode"),
                ExportContacts = reader.Bool("export_contacts"),
                Cutoff = cutoff is null ? null : DateOnly.ParseExact(cutoff, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                ConsecutiveFailures = (int)reader.Long("consecutive_failures"),
                LastError = reader.Text("last_error"),
                LastRunAt = reader.Time("last_run_at"),
                BoundAt = reader.Time("bound_at"),
                DisabledReason = reader.Text("disabled_reason"),
                Options = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.RequiredText("options_json")) ?? [],
            });
        }

        return accounts;
    }

    private static void EnsureAccountExists(SqliteConnection c, SqliteTransaction tx, long accountId)
    {
        using var check = c.Command(tx, "SELECT id FROM accounts WHERE id = $id;").With("$id", accountId);
        if (check.ScalarLong() is null)
        {
            throw new LeadingValidationException($"Account {accountId} does not exist.");
        }
    }
}
