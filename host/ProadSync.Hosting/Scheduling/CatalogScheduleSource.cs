using Microsoft.Extensions.Logging;
using ProadSync.Core.Leading;
using ProadSync.Hosting.Licensing;

namespace ProadSync.Hosting.Scheduling;

/// <summary>Reads the inputs from the catalog: the interval setting, the licence and switches, and every database's accounts.</summary>
internal sealed class CatalogScheduleSource : IScheduleSource
{
    private readonly ILeadingCatalog _catalog;
    private readonly LicensingService _licensing;
    private readonly SchedulerOptions _options;
    private readonly ILogger _logger;

    public CatalogScheduleSource(ILeadingCatalog catalog, LicensingService licensing, SchedulerOptions options, ILogger logger)
    {
        _catalog = catalog;
        _licensing = licensing;
        _options = options;
        _logger = logger;
    }

    public async Task<ScheduleInputs> ReadAsync(CancellationToken cancellationToken)
    {
        var interval = await SchedulerSettings.GetIntervalAsync(_catalog, _options.DefaultInterval, cancellationToken);
        await _licensing.RefreshAsync(cancellationToken);
        var candidates = new List<AccountCandidate>();
        foreach (var db in await _catalog.ListDatabasesAsync(cancellationToken))
        {
            IReadOnlyList<SyncAccount> accounts;
            try
            {
                var store = await _catalog.OpenAsync(db.Name, cancellationToken);
                await using (store)
                {
                    accounts = await store.ListAccountsAsync(cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                SchedulerLog.DatabaseUnreadable(_logger, db.Name, ex.Message);
                continue;
            }

            foreach (var account in accounts)
            {
                var iface = _options.InterfaceOfPlugin(account.PluginId);
                candidates.Add(new AccountCandidate(
                    db.Name,
                    account.Id,
                    account.Enabled,
                    _licensing.IsUsable(db.Name, iface),
                    iface,
                    account.DisabledReason,
                    account.LastRunAt));
            }
        }

        return new ScheduleInputs(interval, candidates);
    }
}
