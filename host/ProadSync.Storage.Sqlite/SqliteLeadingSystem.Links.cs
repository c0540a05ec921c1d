using Microsoft.Data.Sqlite;
using ProadSync.Core.Leading;

namespace ProadSync.Storage.Sqlite;

/// <content>Links, cursors and plugin state.</content>
internal sealed partial class SqliteLeadingSystem
{
    /// <inheritdoc />
    public Task<IReadOnlyList<SyncLink>> ListLinksAsync(long accountId, LinkKind kind, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<SyncLink>>(c =>
        {
            using var select = c.Command(null, "SELECT * FROM links WHERE account_id = $account AND kind = $kind ORDER BY leading_id;")
                .With("$account", accountId).With("$kind", kind);
            return ReadLinks(select);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SyncLink>> ListLinksOfItemAsync(LinkKind kind, long leadingId, CancellationToken cancellationToken) =>
        db.ReadAsync<IReadOnlyList<SyncLink>>(c =>
        {
            using var select = c.Command(null, "SELECT * FROM links WHERE kind = $kind AND leading_id = $id ORDER BY account_id;")
                .With("$kind", kind).With("$id", leadingId);
            return ReadLinks(select);
        }, cancellationToken);

    /// <inheritdoc />
    public Task SaveLinkAsync(SyncLink link, CancellationToken cancellationToken)
    {
        ValidateLink(link);
        return db.WriteAsync((c, tx) =>
        {
            UpsertLink(c, tx, link, Now());
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteLinkAsync(long accountId, LinkKind kind, long leadingId, CancellationToken cancellationToken) =>
        db.WriteAsync((c, tx) =>
        {
            using var delete = c.Command(tx, "DELETE FROM links WHERE account_id = $account AND kind = $kind AND leading_id = $id;")
                .With("$account", accountId).With("$kind", kind).With("$id", leadingId);
            return delete.ExecuteNonQuery();
        }, cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteAllLinksAsync(long accountId, CancellationToken cancellationToken) =>
        db.WriteAsync((c, tx) =>
        {
            using var links = c.Command(tx, "DELETE FROM links WHERE account_id = $account;").With("$account", accountId);
            var removed = links.ExecuteNonQuery();
            using var state = c.Command(tx, "DELETE FROM state WHERE account_id = $account;").With("$account", accountId);
            state.ExecuteNonQuery();
            return removed;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<long> GetChangeCounterAsync(CancellationToken cancellationToken) =>
        db.ReadAsync(c =>
        {
            using var select = c.Command(null, "SELECT value FROM change_counter WHERE id = 1;");
            return Convert.ToInt64(select.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<string?> GetStateAsync(long accountId, string key, CancellationToken cancellationToken) =>
        db.ReadAsync(c =>
        {
            using var select = c.Command(null, "SELECT value FROM state WHERE account_id = $account AND key = $key;")
                .With("$account", accountId).With("$key", key);
            return select.ExecuteScalar() as string;
        }, cancellationToken);

    /// <inheritdoc />
    public Task SetStateAsync(long accountId, string key, string? value, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new LeadingValidationException("A state value needs a key; the key was empty.");
        }

        return db.WriteAsync((c, tx) =>
        {
            if (value is null)
            {
                using var delete = c.Command(tx, "DELETE FROM state WHERE account_id = $account AND key = $key;").With("$account", accountId).With("$key", key);
                return delete.ExecuteNonQuery();
            }

            EnsureAccountExists(c, tx, accountId);
            using var upsert = c.Command(tx, """
                INSERT INTO state (account_id, key, value) VALUES ($account, $key, $value)
                ON CONFLICT (account_id, key) DO UPDATE SET value = excluded.value;
                """).With("$account", accountId).With("$key", key).With("$value", value);
            return upsert.ExecuteNonQuery();
        }, cancellationToken);
    }

    private static void ValidateLink(SyncLink link)
    {
        if (link is null)
        {
            throw new LeadingValidationException("A link is needed; none was given.");
        }

        if (!Enum.IsDefined(link.Kind))
        {
            throw new LeadingValidationException($"The link kind {(int)link.Kind} is unknown; use Appointment, Task or Contact.");
        }

        // An empty external id is allowed: the engine keeps such a link to remember that the external item was deleted
        // (export and 1-way, R-MODE-1WAY-2), so it is neither re-created at once nor forgotten.
        if (link.ExternalId is null)
        {
            throw new LeadingValidationException("A link needs the external item's id (empty for a remembered external delete); none was given.");
        }

        if (link.Identity is null || link.ExternalVersion is null)
        {
            throw new LeadingValidationException("A link needs an identity and an external version (an empty text is allowed, none is not).");
        }
    }

    private static void UpsertLink(SqliteConnection c, SqliteTransaction tx, SyncLink link, DateTimeOffset now)
    {
        EnsureAccountExists(c, tx, link.AccountId);
        using (var taken = c.Command(tx, """
            SELECT leading_id FROM links WHERE account_id = $account AND kind = $kind AND external_id = $external AND external_id <> '' AND leading_id <> $id;
            """).With("$account", link.AccountId).With("$kind", link.Kind).With("$external", link.ExternalId).With("$id", link.LeadingId))
        {
            if (taken.ScalarLong() is { } other)
            {
                throw new LeadingValidationException(
                    $"The external item '{link.ExternalId}' is already linked to {link.Kind} {other} of account {link.AccountId}; an external item has one leading item.");
            }
        }

        using var upsert = c.Command(tx, """
            INSERT INTO links (account_id, kind, leading_id, identity, external_id, external_version, leading_revision, external_hash,
                               active, inactive_reason, updated_at)
            VALUES ($account, $kind, $id, $identity, $external, $version, $revision, $hash, $active, $reason, $now)
            ON CONFLICT (account_id, kind, leading_id) DO UPDATE SET
                identity = excluded.identity, external_id = excluded.external_id, external_version = excluded.external_version,
                leading_revision = excluded.leading_revision, external_hash = excluded.external_hash, active = excluded.active,
                inactive_reason = excluded.inactive_reason, updated_at = excluded.updated_at;
            """)
            .With("$account", link.AccountId).With("$kind", link.Kind).With("$id", link.LeadingId).With("$identity", link.Identity)
            .With("$external", link.ExternalId).With("$version", link.ExternalVersion).With("$revision", link.LeadingRevision)
            .With("$hash", link.ExternalHash).With("$active", link.Active).With("$reason", link.InactiveReason).With("$now", now);
        upsert.ExecuteNonQuery();
    }

    private static List<SyncLink> ReadLinks(SqliteCommand command)
    {
        var links = new List<SyncLink>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            links.Add(new SyncLink
            {
                AccountId = reader.Long("account_id"),
                Kind = reader.Enum<LinkKind>("kind"),
                LeadingId = reader.Long("leading_id"),
                Identity = reader.RequiredText("identity"),
                ExternalId = reader.RequiredText("external_id"),
                ExternalVersion = reader.RequiredText("external_version"),
                LeadingRevision = reader.Long("leading_revision"),
                ExternalHash = reader.Text("external_hash"),
                Active = reader.Bool("active"),
                InactiveReason = reader.Text("inactive_reason"),
                UpdatedAt = reader.RequiredTime("updated_at"),
            });
        }

        return links;
    }
}
