using ProadSync.Core.Leading;

namespace ProadSync.Hosting.Accounts;

/// <summary>The account rules of SPEC §2 that do not need a server: who may have an account, binding and uniqueness.</summary>
public static class AccountRules
{
    /// <summary>After this many failed connection attempts in a row, synchronisation is switched off (SPEC R-ACC-3).</summary>
    public const int MaxConsecutiveFailures = 5;

    /// <summary>
    /// Applies a change to an account (or creates one) and returns the result, or throws with the sentence that says
    /// why not (R-ACC-1, R-ACC-5, R-ACC-6).
    /// </summary>
    /// <param name="user">The account's user.</param>
    /// <param name="current">The account as stored, or <see langword="null"/>.</param>
    /// <param name="change">The change.</param>
    /// <param name="otherAccounts">The other accounts of the database, for the uniqueness check.</param>
    /// <param name="protectedPassword">The new password in protected form, when one was given.</param>
    /// <param name="databaseName">The database, for the sentences.</param>
    /// <returns>The account to save.</returns>
    /// <exception cref="AccountRuleException">A rule refuses the change.</exception>
    public static SyncAccount Apply(LeadingUser user, SyncAccount? current, AccountChange change, IEnumerable<SyncAccount> otherAccounts, string? protectedPassword, string databaseName)
    {
        if (!user.MayConfigureSync)
        {
            throw new AccountRuleException($"User '{user.Login}' does not have the right \"may configure synchronisation\"; an admin can grant it with 'proadsync users add' (--may-configure-sync true) before an account is set up.");
        }

        if (current is null && string.IsNullOrWhiteSpace(change.PluginId))
        {
            throw new AccountRuleException($"User '{user.Login}' has no account yet; give --plugin (for example vdir, caldav or exchange).");
        }

        var account = current ?? new SyncAccount { UserId = user.Id, PluginId = change.PluginId!.Trim().ToLowerInvariant() };
        var newUrl = change.Url is null ? account.Url : NormaliseUrl(change.Url);
        var newUser = change.UserName is null ? account.UserName : change.UserName.Trim();
        var newPlugin = change.PluginId is null ? account.PluginId : change.PluginId.Trim().ToLowerInvariant();
        var options = new Dictionary<string, string>(account.Options, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in change.Options ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrEmpty(value))
            {
                options.Remove(key);
            }
            else
            {
                options[key] = value;
            }
        }

        if (account.BoundAt is not null)
        {
            var changed = new List<string>();
            if (!SameUrl(account.Url, newUrl))
            {
                changed.Add("server URL");
            }

            if (!string.Equals(account.UserName, newUser, StringComparison.OrdinalIgnoreCase))
            {
                changed.Add("user name");
            }

            if (!string.Equals(account.PluginId, newPlugin, StringComparison.Ordinal))
            {
                changed.Add("plugin");
            }

            if (!AccountMailbox.Same(account.Options, options))
            {
                changed.Add($"impersonated mailbox (option {AccountMailbox.Option})");
            }

            if (changed.Count > 0)
            {
                throw new AccountRuleException(
                    $"The {string.Join(" and ", changed)} of {user.Login}'s account cannot change any more: it has synchronised since {account.BoundAt:yyyy-MM-dd}, and pointing it elsewhere would orphan the items in the old calendar or duplicate them in the new one (SPEC R-ACC-5). " +
                    $"An admin can run 'proadsync accounts rebind {databaseName} {user.Login} --url URL --username U' when the same calendar moved (links are kept), or 'proadsync accounts reset {databaseName} {user.Login}' to start over (links are dropped, the items in the old calendar stay there, the leading items are untouched and the next run creates them anew).");
            }
        }

        if (newUrl is not null)
        {
            foreach (var other in otherAccounts)
            {
                if (other.Id != account.Id && other.UserId != user.Id && SameUrl(other.Url, newUrl)
                    && string.Equals(other.UserName ?? "", newUser ?? "", StringComparison.OrdinalIgnoreCase)
                    && string.Equals(other.PluginId, newPlugin, StringComparison.Ordinal)
                    && AccountMailbox.Same(other.Options, options))
                {
                    throw new AccountRuleException($"The external account {newUser ?? "(no user)"} at {newUrl} is already used by another user of database '{databaseName}'; one external account can belong to one user only (SPEC R-ACC-6).");
                }
            }
        }

        var result = account with
        {
            PluginId = newPlugin,
            ContactPluginId = change.ContactPluginId is null ? account.ContactPluginId : change.ContactPluginId.Length == 0 ? null : change.ContactPluginId.Trim().ToLowerInvariant(),
            Profile = change.Profile ?? account.Profile,
            Url = newUrl,
            UserName = newUser,
            Mode = change.Mode ?? account.Mode,
            ExportContacts = change.ExportContacts ?? account.ExportContacts,
            Enabled = change.Enabled ?? account.Enabled,
            Cutoff = change.ClearCutoff ? null : change.Cutoff ?? account.Cutoff,
            Options = options,
        };

        if (protectedPassword is not null)
        {
            // A re-entered password resumes an account that was paused or switched off for failures (R-ACC-3/4).
            result = result with { ProtectedSecret = protectedPassword };
            if (account.DisabledReason is not null)
            {
                result = result with { DisabledReason = null, ConsecutiveFailures = 0, Enabled = change.Enabled ?? true };
            }
        }
        else if (change.Enabled == true && account.DisabledReason is not null)
        {
            result = result with { DisabledReason = null, ConsecutiveFailures = 0 };
        }

        return result;
    }

    /// <summary>Records a failed connection attempt; switches the account off after the fifth in a row (R-ACC-3) or pauses it when the password expired (R-ACC-4).</summary>
    /// <param name="account">The account.</param>
    /// <param name="error">The error sentence.</param>
    /// <param name="credentialsExpired">Whether the server said the password expired.</param>
    /// <param name="at">When.</param>
    /// <returns>The updated account.</returns>
    public static SyncAccount RecordFailure(SyncAccount account, string error, bool credentialsExpired, DateTimeOffset at)
    {
        var failures = account.ConsecutiveFailures + 1;
        var updated = account with { ConsecutiveFailures = failures, LastError = error, LastRunAt = at };
        if (credentialsExpired)
        {
            return updated with
            {
                Enabled = false,
                DisabledReason = $"Paused on {at:yyyy-MM-dd HH:mm}: the server says the password expired or must be changed ({error}). Re-enter the password with 'accounts set … --password-stdin' to resume.",
            };
        }

        if (failures >= MaxConsecutiveFailures)
        {
            return updated with
            {
                Enabled = false,
                DisabledReason = $"Switched off on {at:yyyy-MM-dd HH:mm} after {failures} failed connection attempts in a row; last error: {error}. Fix the cause (or re-enter the password) and enable it again with 'accounts set … --enabled true'.",
            };
        }

        return updated;
    }

    /// <summary>Records a successful run: the failure count resets and the account is bound (R-ACC-5).</summary>
    /// <param name="account">The account.</param>
    /// <param name="at">When.</param>
    /// <param name="partialError">A per-item problem worth showing, if any.</param>
    /// <returns>The updated account.</returns>
    public static SyncAccount RecordSuccess(SyncAccount account, DateTimeOffset at, string? partialError = null) =>
        account with { ConsecutiveFailures = 0, LastError = partialError, LastRunAt = at, BoundAt = account.BoundAt ?? at };

    /// <summary>Normalises a server URL for comparisons: trimmed, scheme and host lower case, no trailing slash.</summary>
    /// <param name="url">The URL (or a folder for file-based targets).</param>
    /// <returns>The normalised text.</returns>
    public static string NormaliseUrl(string url)
    {
        var trimmed = url.Trim();
        if (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            var text = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant() + uri.AbsolutePath + uri.Query;
            return text.Length > 1 ? text.TrimEnd('/') : text;
        }

        return trimmed.Length > 1 ? trimmed.TrimEnd('/', '\\') : trimmed;
    }

    private static bool SameUrl(string? a, string? b) =>
        string.Equals(a is null ? null : NormaliseUrl(a), b is null ? null : NormaliseUrl(b), StringComparison.Ordinal);
}
