using ProadSync.Core.Sync;
using ProadSync.Hosting.Scheduling;

namespace ProadSync.Hosting.Runs;

/// <summary>The scheduler's runner: one scheduled run of one account through <see cref="SyncService"/>.</summary>
public sealed class SyncAccountRunner : IAccountRunner
{
    private readonly HostServices _services;

    /// <summary>Creates the runner.</summary>
    /// <param name="services">The host's services.</param>
    public SyncAccountRunner(HostServices services) => _services = services;

    /// <inheritdoc />
    public async Task RunAsync(string database, long accountId, CancellationToken cancellationToken)
    {
        await using var store = await _services.Catalog.OpenAsync(database, cancellationToken);
        var account = await store.GetAccountAsync(accountId, cancellationToken);
        if (account is null)
        {
            return;
        }

        var user = await store.GetUserAsync(account.UserId, cancellationToken);
        await _services.Sync.RunAccountAsync(store, account, user?.Login ?? account.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), new RunOptions(), cancellationToken);
    }
}
