using Microsoft.Extensions.Logging;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Mapping;
using ProadSync.Abstractions.Targets;
using ProadSync.Core.Leading;
using ProadSync.Core.Mapping;
using ProadSync.Core.Sync;
using ProadSync.Core.Text.Templates;
using ProadSync.Hosting.Accounts;
using ProadSync.PluginHost;

namespace ProadSync.Hosting.Runs;

/// <summary>
/// Runs accounts: checks switches and licences, creates the targets, calls the engine, and keeps the account's
/// bookkeeping (failures in a row, automatic switch-off, pause on an expired password, binding) and the run log.
/// The command line and the scheduler both run accounts through this service.
/// </summary>
public sealed partial class SyncService
{
    private readonly ProadSyncHome _home;
    private readonly ILeadingCatalog _catalog;
    private readonly IPluginCatalog _plugins;
    private readonly TargetResolver _targets;
    private readonly SyncEngine _engine;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DescriptionTemplates _templates;

    /// <summary>Creates the service.</summary>
    /// <param name="home">The home folder (for the per-account locks).</param>
    /// <param name="catalog">The databases.</param>
    /// <param name="plugins">The loaded plugins.</param>
    /// <param name="targets">Creates targets for accounts.</param>
    /// <param name="engine">The sync engine.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">The log.</param>
    public SyncService(ProadSyncHome home, ILeadingCatalog catalog, IPluginCatalog plugins, TargetResolver targets, SyncEngine engine, TimeProvider time, ILogger<SyncService> logger)
    {
        _home = home;
        _catalog = catalog;
        _plugins = plugins;
        _targets = targets;
        _engine = engine;
        _time = time;
        _logger = logger;
        _templates = new DescriptionTemplates(home.TemplatesDirectory, logger: logger, timeProvider: time);
    }

    /// <summary>Runs every matching account once, one after the other.</summary>
    /// <param name="request">Which accounts, and how.</param>
    /// <param name="cancellationToken">Stops between items.</param>
    /// <returns>One result per matching account (enabled or not).</returns>
    /// <exception cref="LeadingValidationException">The database or user named does not exist.</exception>
    public async Task<IReadOnlyList<AccountRunResult>> RunAsync(SyncRequest request, CancellationToken cancellationToken)
    {
        var results = new List<AccountRunResult>();
        var databases = await _catalog.ListDatabasesAsync(cancellationToken);
        if (request.Database is not null)
        {
            databases = databases.Where(d => string.Equals(d.Name, request.Database, StringComparison.OrdinalIgnoreCase)).ToList();
            if (databases.Count == 0)
            {
                throw new LeadingValidationException($"There is no database '{request.Database}'; 'proadsync databases list' shows the registered ones.");
            }
        }

        foreach (var database in databases)
        {
            await using var store = await _catalog.OpenAsync(database.Name, cancellationToken);
            var users = (await store.ListUsersAsync(cancellationToken)).ToDictionary(u => u.Id);
            var accounts = await store.ListAccountsAsync(cancellationToken);
            if (request.Login is not null)
            {
                var user = users.Values.FirstOrDefault(u => string.Equals(u.Login, request.Login, StringComparison.OrdinalIgnoreCase))
                    ?? throw new LeadingValidationException($"There is no user '{request.Login}' in database '{database.Name}'.");
                accounts = accounts.Where(a => a.UserId == user.Id).ToList();
            }

            foreach (var account in accounts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var login = users.TryGetValue(account.UserId, out var u) ? u.Login : account.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var options = new RunOptions { DryRun = request.DryRun, AllowMassDelete = request.AllowMassDelete };
                results.Add(await RunAccountAsync(store, account, login, options, cancellationToken));
            }
        }

        return results;
    }

    /// <summary>Runs one account of an open database (used by the scheduler too).</summary>
    /// <param name="store">The database.</param>
    /// <param name="account">The account as last read.</param>
    /// <param name="login">The user's login (for messages).</param>
    /// <param name="options">Dry run, mass-delete confirmation.</param>
    /// <param name="cancellationToken">Stops between items.</param>
    /// <returns>The result.</returns>
    public async Task<AccountRunResult> RunAccountAsync(ILeadingSystem store, SyncAccount account, string login, RunOptions options, CancellationToken cancellationToken)
    {
        var database = store.Database.Name;
        if (!account.Enabled)
        {
            return new AccountRunResult(database, login, account.Id, "skipped", account.DisabledReason ?? "Synchronisation is switched off for this account.", null);
        }

        if (_targets.WhyUnusable(account.PluginId, database) is { } message)
        {
            LogSkipped(account.Id, database, message);
            return new AccountRunResult(database, login, account.Id, "skipped", message, null);
        }

        using var accountLock = AccountLock.TryAcquire(_home, database, account.Id);
        if (accountLock is null)
        {
            return new AccountRunResult(database, login, account.Id, "skipped", "Another run of this account is in progress; it was not started twice.", null);
        }

        var started = _time.GetUtcNow();
        var run = options.DryRun ? null : await store.SaveRunAsync(new RunRecord { AccountId = account.Id, StartedAt = started }, cancellationToken);
        RunReport report;
        ICalendarTarget? calendar = null;
        IContactTarget? contacts = null;
        try
        {
            calendar = await _targets.CreateCalendarTargetAsync(store, account, cancellationToken);
            if (account.ExportContacts)
            {
                contacts = await _targets.CreateContactTargetAsync(store, account, cancellationToken);
            }

            var mapper = await ResolveMapperAsync(database, cancellationToken);
            var request = new SyncRunRequest(store, account, calendar, mapper)
            {
                Contacts = contacts,
                DatabaseName = database,
                PluginId = account.PluginId,
                MapperOptions = await ResolveMapperOptionsAsync(database, cancellationToken),
                DescriptionConverter = _templates.ForDatabase(database).Incoming,
                Options = options,
            };
            report = await _engine.RunAsync(request, cancellationToken);
        }
        catch (TargetException ex)
        {
            report = new RunReport
            {
                AccountId = account.Id,
                Mode = account.Mode,
                StartedAt = started,
                FinishedAt = _time.GetUtcNow(),
                DryRun = options.DryRun,
                FatalError = ex is TargetAuthenticationException auth ? (auth.CredentialsExpired ? FatalErrorKind.CredentialsExpired : FatalErrorKind.Authentication)
                    : ex is TransientTargetException ? FatalErrorKind.Transient : FatalErrorKind.Configuration,
                FatalMessage = ex.Message,
            };
        }
        finally
        {
            if (contacts is not null)
            {
                await contacts.DisposeAsync();
            }

            if (calendar is not null)
            {
                await calendar.DisposeAsync();
            }
        }

        if (!options.DryRun)
        {
            await RecordAsync(store, account.Id, report, cancellationToken);
            await store.SaveRunAsync(run! with
            {
                FinishedAt = report.FinishedAt,
                Outcome = report.Outcome,
                SummaryJson = report.ToJson(),
                Error = report.FatalMessage ?? report.CircuitBreakerMessage,
            }, cancellationToken);
        }

        LogRun(account.Id, database, report.Outcome, report.Changes, report.Failed.Count);
        var messageText = report.FatalMessage ?? report.CircuitBreakerMessage;
        return new AccountRunResult(database, login, account.Id, report.Outcome, messageText, report);
    }

    private static async Task RecordAsync(ILeadingSystem store, long accountId, RunReport report, CancellationToken cancellationToken)
    {
        // Re-read: the user may have changed the account while it ran; only the bookkeeping fields change here.
        var current = await store.GetAccountAsync(accountId, CancellationToken.None);
        if (current is null)
        {
            return;
        }

        var at = report.FinishedAt;
        var updated = report.FatalError switch
        {
            FatalErrorKind.None when report.StoppedByCircuitBreaker => current with { LastRunAt = at, LastError = report.CircuitBreakerMessage },
            FatalErrorKind.None => AccountRules.RecordSuccess(current, at, report.Failed.Count > 0 ? $"{report.Failed.Count} item(s) failed; first: {report.Failed[0].Message}" : null),
            FatalErrorKind.CredentialsExpired => AccountRules.RecordFailure(current, report.FatalMessage ?? "credentials expired", credentialsExpired: true, at),
            _ => AccountRules.RecordFailure(current, report.FatalMessage ?? report.FatalError.ToString(), credentialsExpired: false, at),
        };
        await store.SaveAccountAsync(updated, cancellationToken);
    }

    private async Task<IFieldMapper> ResolveMapperAsync(string database, CancellationToken cancellationToken)
    {
        var id = await _catalog.GetSettingAsync($"mapper:{database.ToLowerInvariant()}", cancellationToken);
        if (id is null or "default")
        {
            return new DefaultFieldMapper(_templates);
        }

        return _plugins.FindFieldMapper(id)
            ?? throw new TargetConfigurationException($"The field mapper '{id}' configured for database '{database}' is not installed or not active; 'proadsync plugins list' shows the mappers.");
    }

    /// <summary>The mapper options of a database: the catalog setting <c>mapper-options:&lt;database&gt;</c>, a JSON object of strings.</summary>
    private async Task<IReadOnlyDictionary<string, string>> ResolveMapperOptionsAsync(string database, CancellationToken cancellationToken)
    {
        var text = await _catalog.GetSettingAsync($"mapper-options:{database.ToLowerInvariant()}", cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new Dictionary<string, string>();
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(text) ?? new Dictionary<string, string>();
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new TargetConfigurationException(
                $"The mapper options of database '{database}' are not a JSON object of strings (for example {{\"subject\": \"Job {{number}}\"}}): {ex.Message}", ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} of {Database} skipped: {Reason}")]
    private partial void LogSkipped(long accountId, string database, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Account {AccountId} of {Database} ran: {Outcome}, {Changes} change(s), {Failures} failure(s)")]
    private partial void LogRun(long accountId, string database, string outcome, int changes, int failures);
}
