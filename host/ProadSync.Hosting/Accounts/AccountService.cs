using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;
using ProadSync.Hosting.Runs;

namespace ProadSync.Hosting.Accounts;

/// <summary>The "My account" functions (SPEC §2): set, show, test, and the admin's rebind and reset.</summary>
public sealed class AccountService
{
    private readonly ILeadingCatalog _catalog;
    private readonly SecretProtector _secrets;
    private readonly TargetResolver _targets;

    /// <summary>Creates the service.</summary>
    /// <param name="catalog">The databases.</param>
    /// <param name="secrets">Encrypts credentials.</param>
    /// <param name="targets">Creates targets for the connection test.</param>
    public AccountService(ILeadingCatalog catalog, SecretProtector secrets, TargetResolver targets)
    {
        _catalog = catalog;
        _secrets = secrets;
        _targets = targets;
    }

    /// <summary>Creates or changes a user's account under the rules of SPEC §2.</summary>
    /// <param name="database">The database.</param>
    /// <param name="login">The user.</param>
    /// <param name="change">What to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The saved account.</returns>
    /// <exception cref="AccountRuleException">A rule refuses the change.</exception>
    /// <exception cref="LeadingValidationException">The database or user does not exist.</exception>
    public async Task<AccountView> SetAsync(string database, string login, AccountChange change, CancellationToken cancellationToken)
    {
        await using var store = await OpenAsync(database, cancellationToken);
        var user = await RequireUserAsync(store, login, cancellationToken);
        var current = await store.GetAccountByUserAsync(user.Id, cancellationToken);
        var others = await store.ListAccountsAsync(cancellationToken);
        var protectedPassword = change.Password is null ? null : _secrets.Protect(change.Password);
        var account = AccountRules.Apply(user, current, change, others, protectedPassword, store.Database.Name);
        var saved = await store.SaveAccountAsync(account, cancellationToken);
        return AccountView.Of(store.Database.Name, user.Login, saved);
    }

    /// <summary>Shows a user's account.</summary>
    /// <param name="database">The database.</param>
    /// <param name="login">The user.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account.</returns>
    /// <exception cref="AccountRuleException">The user has no account.</exception>
    public async Task<AccountView> ShowAsync(string database, string login, CancellationToken cancellationToken)
    {
        await using var store = await OpenAsync(database, cancellationToken);
        var user = await RequireUserAsync(store, login, cancellationToken);
        var account = await RequireAccountAsync(store, user, cancellationToken);
        return AccountView.Of(store.Database.Name, user.Login, account);
    }

    /// <summary>"Test" (Prüfen, SPEC R-ACC-2): connects and logs in through the plugin, step by step.</summary>
    /// <param name="database">The database.</param>
    /// <param name="login">The user.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The steps of the calendar target's test, followed by the contact target's when contacts are exported.</returns>
    public async Task<ConnectionTestReport> TestAsync(string database, string login, CancellationToken cancellationToken)
    {
        await using var store = await OpenAsync(database, cancellationToken);
        var user = await RequireUserAsync(store, login, cancellationToken);
        var account = await RequireAccountAsync(store, user, cancellationToken);
        var steps = new List<ConnectionTestStep>();
        var authFailed = false;
        try
        {
            await using (var calendar = await _targets.CreateCalendarTargetAsync(store, account, cancellationToken))
            {
                var report = await calendar.TestConnectionAsync(cancellationToken);
                steps.AddRange(report.Steps);
                authFailed |= report.AuthenticationFailed;
            }

            if (account.ExportContacts && steps.TrueForAll(s => s.Outcome != TestOutcome.Failed))
            {
                var contacts = await _targets.CreateContactTargetAsync(store, account, cancellationToken);
                if (contacts is null)
                {
                    steps.Add(new ConnectionTestStep("address book", TestOutcome.Warning, $"\"Export contacts\" is on, but the plugin '{account.PluginId}' has no address-book target; contacts will not be exported."));
                }
                else
                {
                    await using (contacts)
                    {
                        var report = await contacts.TestConnectionAsync(cancellationToken);
                        steps.AddRange(report.Steps.Select(s => s with { Name = "address book: " + s.Name }));
                        authFailed |= report.AuthenticationFailed;
                    }
                }
            }
        }
        catch (Abstractions.Errors.TargetException ex)
        {
            steps.Add(new ConnectionTestStep("plugin", TestOutcome.Failed, ex.Message));
        }

        return new ConnectionTestReport(steps) { AuthenticationFailed = authFailed };
    }

    /// <summary>
    /// Admin: points a bound account at the same calendar under a new URL or user name, keeping its links
    /// (R-ACC-5, R-ADM-1). Use it only when the external calendar itself moved.
    /// </summary>
    /// <param name="database">The database.</param>
    /// <param name="login">The user.</param>
    /// <param name="url">The new URL, or <see langword="null"/> to keep it.</param>
    /// <param name="userName">The new user name, or <see langword="null"/> to keep it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The saved account.</returns>
    public async Task<AccountView> RebindAsync(string database, string login, string? url, string? userName, CancellationToken cancellationToken)
    {
        await using var store = await OpenAsync(database, cancellationToken);
        var user = await RequireUserAsync(store, login, cancellationToken);
        var account = await RequireAccountAsync(store, user, cancellationToken);
        var unbound = account with { BoundAt = null };
        var changed = AccountRules.Apply(user, unbound, new AccountChange { Url = url, UserName = userName }, await store.ListAccountsAsync(cancellationToken), null, store.Database.Name);
        var saved = await store.SaveAccountAsync(changed with { BoundAt = account.BoundAt }, cancellationToken);
        return AccountView.Of(store.Database.Name, user.Login, saved);
    }

    /// <summary>
    /// Admin: forgets every link and cursor of an account and unbinds it (R-ACC-5). The items in the old external
    /// calendar stay there; the leading items are untouched; the next run creates them anew in whatever calendar the
    /// account then names.
    /// </summary>
    /// <param name="database">The database.</param>
    /// <param name="login">The user.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many links were dropped.</returns>
    public async Task<int> ResetAsync(string database, string login, CancellationToken cancellationToken)
    {
        await using var store = await OpenAsync(database, cancellationToken);
        var user = await RequireUserAsync(store, login, cancellationToken);
        var account = await RequireAccountAsync(store, user, cancellationToken);
        var dropped = await store.DeleteAllLinksAsync(account.Id, cancellationToken);
        await store.SaveAccountAsync(account with { BoundAt = null, ConsecutiveFailures = 0, DisabledReason = null, LastError = null }, cancellationToken);
        return dropped;
    }

    private async Task<ILeadingSystem> OpenAsync(string database, CancellationToken cancellationToken)
    {
        if (await _catalog.FindDatabaseAsync(database, cancellationToken) is null)
        {
            throw new LeadingValidationException($"There is no database '{database}'; 'proadsync databases list' shows the registered ones.");
        }

        return await _catalog.OpenAsync(database, cancellationToken);
    }

    private static async Task<LeadingUser> RequireUserAsync(ILeadingSystem store, string login, CancellationToken cancellationToken) =>
        await store.FindUserAsync(login, cancellationToken)
        ?? throw new LeadingValidationException($"There is no user '{login}' in database '{store.Database.Name}'.");

    private static async Task<SyncAccount> RequireAccountAsync(ILeadingSystem store, LeadingUser user, CancellationToken cancellationToken) =>
        await store.GetAccountByUserAsync(user.Id, cancellationToken)
        ?? throw new AccountRuleException($"User '{user.Login}' has no sync account yet; create it with 'proadsync accounts set {store.Database.Name} {user.Login} --plugin ID …'.");
}
