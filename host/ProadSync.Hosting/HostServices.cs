using Microsoft.Extensions.Logging;
using ProadSync.Core.Leading;
using ProadSync.Core.Sync;
using ProadSync.Hosting.Accounts;
using ProadSync.Hosting.Licensing;
using ProadSync.Hosting.Runs;
using ProadSync.Hosting.Runs.Resilience;
using ProadSync.Hosting.Users;
using ProadSync.PluginHost;
using ProadSync.Storage.Sqlite;

namespace ProadSync.Hosting;

/// <summary>
/// The host's services for one home folder, wired once: the catalog of databases, the plugins, credentials,
/// licences, accounts and runs. The command line, the scheduler and the web UI all use this, so no rule exists twice.
/// </summary>
public sealed class HostServices : IAsyncDisposable
{
    private HostServices(ProadSyncHome home, ILeadingCatalog catalog, IPluginCatalog plugins, SecretProtector secrets, LicensingService licensing, AccountService accounts, SyncService sync, UserService users, TargetResolver targets)
    {
        Targets = targets;
        Home = home;
        Catalog = catalog;
        Plugins = plugins;
        Secrets = secrets;
        Licensing = licensing;
        Accounts = accounts;
        Sync = sync;
        Users = users;
    }

    /// <summary>The home folder.</summary>
    public ProadSyncHome Home { get; }

    /// <summary>The databases.</summary>
    public ILeadingCatalog Catalog { get; }

    /// <summary>The plugins (built-in and dropped-in).</summary>
    public IPluginCatalog Plugins { get; }

    /// <summary>Encrypts credentials.</summary>
    public SecretProtector Secrets { get; }

    /// <summary>Licences and the server manager's switches.</summary>
    public LicensingService Licensing { get; }

    /// <summary>Users' accounts.</summary>
    public AccountService Accounts { get; }

    /// <summary>Runs.</summary>
    public SyncService Sync { get; }

    /// <summary>Users' web passwords and the admin role.</summary>
    public UserService Users { get; }

    /// <summary>Creates targets for accounts (with the retry policy; its <see cref="TargetResolver.Retries"/> count what it did).</summary>
    public TargetResolver Targets { get; }

    /// <summary>Wires the services for a home folder and reads the installed licence.</summary>
    /// <param name="home">The home folder.</param>
    /// <param name="time">The clock.</param>
    /// <param name="loggerFactory">The log.</param>
    /// <param name="pluginDirectories">Where plugins are looked for, in order (built-in first).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The services.</returns>
    public static Task<HostServices> CreateAsync(ProadSyncHome home, TimeProvider time, ILoggerFactory loggerFactory, IEnumerable<string> pluginDirectories, CancellationToken cancellationToken) =>
        CreateAsync(home, time, loggerFactory, pluginDirectories, TargetRetryOptions.Default, cancellationToken);

    /// <summary>Wires the services for a home folder with a chosen retry policy for target calls.</summary>
    /// <param name="home">The home folder.</param>
    /// <param name="time">The clock (also for the retry waits).</param>
    /// <param name="loggerFactory">The log.</param>
    /// <param name="pluginDirectories">Where plugins are looked for, in order (built-in first).</param>
    /// <param name="retry">How transient target errors are retried.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The services.</returns>
    public static async Task<HostServices> CreateAsync(ProadSyncHome home, TimeProvider time, ILoggerFactory loggerFactory, IEnumerable<string> pluginDirectories, TargetRetryOptions retry, CancellationToken cancellationToken)
    {
        var catalog = SqliteLeadingCatalog.Open(home.Root, time, loggerFactory);
        var licensing = new LicensingService(catalog, time, loggerFactory.CreateLogger<LicensingService>());
        await licensing.RefreshAsync(cancellationToken);
        var options = new PluginHostOptions();
        foreach (var directory in pluginDirectories)
        {
            options.RootDirectories.Add(directory);
        }

        var plugins = PluginCatalogFactory.Create(options, loggerFactory, time, new LicencePolicy(licensing));
        var secrets = new SecretProtector(home);
        var targets = new TargetResolver(plugins, secrets, time, retry);
        var engine = new SyncEngine(new SyncEngineOptions(), time, loggerFactory.CreateLogger<SyncEngine>());
        var sync = new SyncService(home, catalog, plugins, targets, engine, time, loggerFactory.CreateLogger<SyncService>());
        var accounts = new AccountService(catalog, secrets, targets);
        return new HostServices(home, catalog, plugins, secrets, licensing, accounts, sync, new UserService(catalog), targets);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Plugins.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A plugin is usable for a database only where its interface is licensed and switched on (R-SM-2).</summary>
    private sealed class LicencePolicy(LicensingService licensing) : IPluginLicensePolicy
    {
        public bool IsLicensed(PluginManifest manifest, string? databaseName) =>
            manifest.Interface is null || (databaseName is null
                ? licensing.IsLicensed(manifest.Interface, null)
                : licensing.IsUsable(databaseName, manifest.Interface));
    }
}
