using System.Security.Cryptography;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Targets;
using ProadSync.Core.Leading;
using ProadSync.Hosting.Accounts;
using ProadSync.Hosting.Runs.Resilience;
using ProadSync.PluginHost;

namespace ProadSync.Hosting.Runs;

/// <summary>
/// Turns an account into targets: checks the plugin's state for the database, decrypts the credential, creates the
/// targets and wraps them in the host's retry policy (transient errors retried with back-off, see
/// <see cref="TargetRetryOptions"/>).
/// </summary>
public sealed class TargetResolver
{
    private readonly IPluginCatalog _plugins;
    private readonly SecretProtector _secrets;
    private readonly TimeProvider _time;
    private readonly TargetRetryOptions _retry;

    /// <summary>Creates the resolver with the default retry policy on the system clock.</summary>
    /// <param name="plugins">The loaded plugins.</param>
    /// <param name="secrets">Decrypts credentials.</param>
    public TargetResolver(IPluginCatalog plugins, SecretProtector secrets)
        : this(plugins, secrets, TimeProvider.System, TargetRetryOptions.Default)
    {
    }

    /// <summary>Creates the resolver.</summary>
    /// <param name="plugins">The loaded plugins.</param>
    /// <param name="secrets">Decrypts credentials.</param>
    /// <param name="time">The clock the retry waits use.</param>
    /// <param name="retry">The retry bounds.</param>
    public TargetResolver(IPluginCatalog plugins, SecretProtector secrets, TimeProvider time, TargetRetryOptions retry)
    {
        _plugins = plugins;
        _secrets = secrets;
        _time = time;
        _retry = retry;
    }

    /// <summary>What the retry policy did for the targets this resolver created.</summary>
    public RetryStatistics Retries { get; } = new();

    /// <summary>Creates the calendar target of an account.</summary>
    /// <param name="store">The account's database.</param>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The target; the caller disposes it.</returns>
    /// <exception cref="TargetConfigurationException">The plugin is missing, not active for the database, or the credential cannot be decrypted.</exception>
    public async Task<ICalendarTarget> CreateCalendarTargetAsync(ILeadingSystem store, SyncAccount account, CancellationToken cancellationToken)
    {
        RequireActive(account.PluginId, store.Database.Name);
        var factory = _plugins.FindCalendarTargetFactory(account.PluginId)
            ?? throw new TargetConfigurationException($"The plugin '{account.PluginId}' offers no calendar target; choose another with 'accounts set … --plugin'.");
        var target = await factory.CreateAsync(Settings(store, account, account.PluginId), cancellationToken);
        return TargetResilience.Wrap(target, _retry, _time, Retries);
    }

    /// <summary>Creates the contact target of an account, or <see langword="null"/> when its plugin offers none.</summary>
    /// <param name="store">The account's database.</param>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The target, or <see langword="null"/>; the caller disposes it.</returns>
    public async Task<IContactTarget?> CreateContactTargetAsync(ILeadingSystem store, SyncAccount account, CancellationToken cancellationToken)
    {
        var id = ContactPluginId(account);
        var factory = _plugins.FindContactTargetFactory(id);
        if (factory is null)
        {
            return null;
        }

        RequireActive(id, store.Database.Name);
        var target = await factory.CreateAsync(Settings(store, account, id), cancellationToken);
        return TargetResilience.Wrap(target, _retry, _time, Retries);
    }

    /// <summary>The contact plugin an account uses: the explicit one, else <c>carddav</c> beside <c>caldav</c>, else the calendar plugin's id.</summary>
    /// <param name="account">The account.</param>
    /// <returns>The contact plugin id.</returns>
    public static string ContactPluginId(SyncAccount account) =>
        account.ContactPluginId ?? (account.PluginId == "caldav" ? "carddav" : account.PluginId);

    /// <summary>Why a plugin cannot be used for a database (not installed, not licensed and enabled, demoted), or <see langword="null"/> when it is active.</summary>
    /// <param name="pluginId">The plugin (or one of its target factories).</param>
    /// <param name="database">The database.</param>
    /// <returns>One sentence, or <see langword="null"/>.</returns>
    public string? WhyUnusable(string pluginId, string database)
    {
        var state = _plugins.StateFor(pluginId, database);
        if (state is null)
        {
            return $"No plugin '{pluginId}' is installed; 'proadsync plugins list' shows the installed ones.";
        }

        if (state == PluginState.Active)
        {
            return null;
        }

        var descriptor = _plugins.Plugins.FirstOrDefault(p => p.Id == pluginId);
        var why = state == PluginState.Unlicensed
            ? $"its interface '{descriptor?.Manifest?.Interface}' is not licensed and enabled for database '{database}' (see 'proadsync databases list'; an admin enables it with 'proadsync databases enable {database} {descriptor?.Manifest?.Interface}')"
            : descriptor?.Reason ?? state.ToString();
        return $"The plugin '{pluginId}' cannot be used: {why}.";
    }

    private void RequireActive(string pluginId, string database)
    {
        if (WhyUnusable(pluginId, database) is { } why)
        {
            throw new TargetConfigurationException(why);
        }
    }

    private TargetSettings Settings(ILeadingSystem store, SyncAccount account, string pluginId)
    {
        string? password = null;
        if (account.ProtectedSecret is not null)
        {
            try
            {
                password = _secrets.Unprotect(account.ProtectedSecret);
            }
            catch (CryptographicException ex)
            {
                throw new TargetConfigurationException("The stored password cannot be decrypted with this home folder's keys (was the database copied without its keys?); re-enter it with 'accounts set … --password-stdin'.", ex);
            }
        }

        return new TargetSettings
        {
            Url = account.Url ?? "",
            UserName = account.UserName,
            Password = password,
            Profile = account.Profile,
            Options = account.Options,
            State = new AccountStateStore(store, account.Id, pluginId),
        };
    }
}
