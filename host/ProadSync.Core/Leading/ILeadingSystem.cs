using ProadSync.Abstractions.Models;

namespace ProadSync.Core.Leading;

/// <summary>
/// The port to one leading-system database: users, to-dos, contacts, sync accounts, links, cursors, the journal of
/// overwritten external versions and the run log.
/// </summary>
/// <remarks>
/// <para>The embedded default is SQLite; a PostgreSQL store or an adapter to PROAD's REST API implement the same port
/// without touching the engine. Every method that changes more than one row does so in one transaction.</para>
/// <para>Compound sync operations (<see cref="ApplyInboundAsync"/>, <see cref="ImportTodoAsync"/>,
/// <see cref="MarkExternallyDeletedAsync"/>) write the to-do and its link together, so an interrupted run never leaves
/// one without the other.</para>
/// </remarks>
public interface ILeadingSystem : IAsyncDisposable
{
    /// <summary>The database's catalog entry.</summary>
    DatabaseInfo Database { get; }

    // ---- users -----------------------------------------------------------------------------------------------

    /// <summary>Adds a user.</summary>
    /// <param name="login">The login (unique, case-insensitive).</param>
    /// <param name="displayName">The display name.</param>
    /// <param name="mayConfigureSync">The right "may configure synchronisation".</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new user.</returns>
    /// <exception cref="LeadingValidationException">The login exists already or is empty.</exception>
    Task<LeadingUser> AddUserAsync(string login, string displayName, bool mayConfigureSync, CancellationToken cancellationToken);

    /// <summary>Changes a user's flags and password hash.</summary>
    /// <param name="user">The user with the new values (matched by <see cref="LeadingUser.Id"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when saved.</returns>
    /// <exception cref="LeadingValidationException">The user does not exist.</exception>
    Task UpdateUserAsync(LeadingUser user, CancellationToken cancellationToken);

    /// <summary>Finds a user by login.</summary>
    /// <param name="login">The login (case-insensitive).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user, or <see langword="null"/>.</returns>
    Task<LeadingUser?> FindUserAsync(string login, CancellationToken cancellationToken);

    /// <summary>Gets a user by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The user, or <see langword="null"/>.</returns>
    Task<LeadingUser?> GetUserAsync(long id, CancellationToken cancellationToken);

    /// <summary>Lists all users.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The users, by login.</returns>
    Task<IReadOnlyList<LeadingUser>> ListUsersAsync(CancellationToken cancellationToken);

    // ---- to-dos ----------------------------------------------------------------------------------------------

    /// <summary>Creates a to-do (revision 1).</summary>
    /// <param name="draft">The fields.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new to-do.</returns>
    /// <exception cref="LeadingValidationException">The responsible user does not exist, or the times are inconsistent.</exception>
    Task<Todo> AddTodoAsync(TodoDraft draft, CancellationToken cancellationToken);

    /// <summary>Changes a to-do (a user's edit): content and project data are replaced, the revision grows.</summary>
    /// <param name="id">The to-do.</param>
    /// <param name="draft">The new fields.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changed to-do.</returns>
    /// <exception cref="LeadingValidationException">The to-do or the user does not exist.</exception>
    Task<Todo> UpdateTodoAsync(long id, TodoDraft draft, CancellationToken cancellationToken);

    /// <summary>Deletes a to-do. Its links stay, so the next run can delete the external items (R-MODE-1WAY-4).</summary>
    /// <param name="id">The to-do.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    Task<bool> DeleteTodoAsync(long id, CancellationToken cancellationToken);

    /// <summary>Gets a to-do.</summary>
    /// <param name="id">The to-do.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The to-do, or <see langword="null"/>.</returns>
    Task<Todo?> GetTodoAsync(long id, CancellationToken cancellationToken);

    /// <summary>Lists to-dos.</summary>
    /// <param name="query">The filter.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The to-dos, by id.</returns>
    Task<IReadOnlyList<Todo>> ListTodosAsync(TodoQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Lists one page of to-dos (by id) and counts all that match, for lists that show a page at a time. A store pages
    /// in the database; this default reads every match through <see cref="ListTodosAsync"/> and cuts the page out, so
    /// a store that does not page itself still answers correctly.
    /// </summary>
    /// <param name="query">The filter, offset and page size.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page and the number of all matching to-dos.</returns>
    /// <exception cref="LeadingValidationException">The offset is negative or the page size is not 1 to <see cref="TodoPageQuery.MaximumLimit"/>.</exception>
    async Task<TodoPage> ListTodoPageAsync(TodoPageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        TodoPageRules.Validate(query);
        var matching = (await ListTodosAsync(query.Filter, cancellationToken))
            .Where(t => (query.SyncActive is not { } sync || t.SyncActive == sync)
                && (query.ExternallyDeleted is not { } deleted || t.ExternallyDeleted == deleted))
            .ToList();
        return new TodoPage(matching.Skip(query.Offset).Take(query.Limit).ToList(), matching.Count);
    }

    // ---- contacts --------------------------------------------------------------------------------------------

    /// <summary>Creates a contact.</summary>
    /// <param name="data">The fields.</param>
    /// <param name="active">Whether it is active.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new contact.</returns>
    Task<Contact> AddContactAsync(ContactData data, bool active, CancellationToken cancellationToken);

    /// <summary>Changes a contact; the revision grows.</summary>
    /// <param name="id">The contact.</param>
    /// <param name="data">The new fields.</param>
    /// <param name="active">Whether it is active.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changed contact.</returns>
    /// <exception cref="LeadingValidationException">The contact does not exist.</exception>
    Task<Contact> UpdateContactAsync(long id, ContactData data, bool active, CancellationToken cancellationToken);

    /// <summary>Deletes a contact (external copies stay, SPEC R-CON-6).</summary>
    /// <param name="id">The contact.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    Task<bool> DeleteContactAsync(long id, CancellationToken cancellationToken);

    /// <summary>Gets a contact.</summary>
    /// <param name="id">The contact.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The contact, or <see langword="null"/>.</returns>
    Task<Contact?> GetContactAsync(long id, CancellationToken cancellationToken);

    /// <summary>Lists contacts.</summary>
    /// <param name="activeOnly">Only active ones.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The contacts, by id.</returns>
    Task<IReadOnlyList<Contact>> ListContactsAsync(bool activeOnly, CancellationToken cancellationToken);

    // ---- accounts --------------------------------------------------------------------------------------------

    /// <summary>Gets the account of a user.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account, or <see langword="null"/>.</returns>
    Task<SyncAccount?> GetAccountByUserAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Gets an account.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account, or <see langword="null"/>.</returns>
    Task<SyncAccount?> GetAccountAsync(long accountId, CancellationToken cancellationToken);

    /// <summary>Lists all accounts.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The accounts.</returns>
    Task<IReadOnlyList<SyncAccount>> ListAccountsAsync(CancellationToken cancellationToken);

    /// <summary>Creates (Id 0) or replaces an account.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The saved account with its id.</returns>
    /// <exception cref="LeadingValidationException">The user already has another account, or does not exist.</exception>
    Task<SyncAccount> SaveAccountAsync(SyncAccount account, CancellationToken cancellationToken);

    // ---- links, cursors, plugin state ------------------------------------------------------------------------

    /// <summary>Lists an account's links of one kind (active and inactive).</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The links.</returns>
    Task<IReadOnlyList<SyncLink>> ListLinksAsync(long accountId, LinkKind kind, CancellationToken cancellationToken);

    /// <summary>Lists every link of one leading item (for "sync active" and the to-do's properties).</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="leadingId">The leading item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The links.</returns>
    Task<IReadOnlyList<SyncLink>> ListLinksOfItemAsync(LinkKind kind, long leadingId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces the link (account, kind, leading id).</summary>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when saved.</returns>
    Task SaveLinkAsync(SyncLink link, CancellationToken cancellationToken);

    /// <summary>Removes the link (account, kind, leading id).</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="leadingId">The leading item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when removed.</returns>
    Task DeleteLinkAsync(long accountId, LinkKind kind, long leadingId, CancellationToken cancellationToken);

    /// <summary>Removes every link and cursor of an account (an admin's reset, SPEC R-ACC-5).</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many links were removed.</returns>
    Task<int> DeleteAllLinksAsync(long accountId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies an external change to a linked to-do (2-way/full): the content is replaced, the revision grows and the
    /// link is saved with the new revision — in one transaction. Fails when the to-do changed since it was read, so
    /// a leading edit made during the run is never lost (the leading side wins, SPEC R-GEN-1).
    /// </summary>
    /// <param name="todoId">The to-do.</param>
    /// <param name="expectedRevision">The revision the engine read.</param>
    /// <param name="content">The new content.</param>
    /// <param name="link">The link to save; its <see cref="SyncLink.LeadingRevision"/> is set to the new revision by the store.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changed to-do.</returns>
    /// <exception cref="LeadingConcurrencyException">The to-do changed or vanished since it was read.</exception>
    Task<Todo> ApplyInboundAsync(long todoId, long expectedRevision, CalendarItem content, SyncLink link, CancellationToken cancellationToken);

    /// <summary>Imports an external item as a new to-do with its link, in one transaction (full sync, R-MODE-FULL-1).</summary>
    /// <param name="draft">The new to-do.</param>
    /// <param name="link">The link; <see cref="SyncLink.LeadingId"/> and <see cref="SyncLink.LeadingRevision"/> are set by the store.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new to-do.</returns>
    Task<Todo> ImportTodoAsync(TodoDraft draft, SyncLink link, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a to-do "externally deleted" and deactivates its link with the reason, in one transaction
    /// (R-MODE-2WAY-4). The to-do's data stays.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="todoId">The to-do.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when saved.</returns>
    Task MarkExternallyDeletedAsync(long accountId, long todoId, CancellationToken cancellationToken);

    /// <summary>Clears the mark "externally deleted" (a user's decision to synchronise the to-do again).</summary>
    /// <param name="todoId">The to-do.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when saved.</returns>
    Task ClearExternallyDeletedAsync(long todoId, CancellationToken cancellationToken);

    /// <summary>Reads a per-account state value (cursors, plugin state).</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    Task<string?> GetStateAsync(long accountId, string key, CancellationToken cancellationToken);

    /// <summary>Stores (or, with <see langword="null"/>, removes) a per-account state value.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when saved.</returns>
    Task SetStateAsync(long accountId, string key, string? value, CancellationToken cancellationToken);

    // ---- change counter --------------------------------------------------------------------------------------

    /// <summary>
    /// Reads the store's change counter: a number that grows with every insert, update and delete of users, to-dos,
    /// contacts and links — a user's edit as well as the engine's own applies, imports, marks and link saves.
    /// </summary>
    /// <remarks>
    /// <para>The engine keeps the value it read at the start of a successful run with the account's state; when the
    /// counter, the account's settings and the target's delta are all unchanged at the next run, that run reads no
    /// to-dos, links or contacts (the no-change fast path).</para>
    /// <para>An implementation must never let the value stay the same or go back after such a change, also across
    /// restarts and concurrent writers (SQLite: a one-row table maintained by triggers in the same transaction).
    /// Changes of accounts, per-account state, the journal and the run log do not count. The absolute value means
    /// nothing; only equality with an earlier read does.</para>
    /// </remarks>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The current value.</returns>
    Task<long> GetChangeCounterAsync(CancellationToken cancellationToken);

    // ---- journal and run log ---------------------------------------------------------------------------------

    /// <summary>Keeps an external version the leading system overwrote.</summary>
    /// <param name="entry">The entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when saved.</returns>
    Task AppendJournalAsync(JournalEntry entry, CancellationToken cancellationToken);

    /// <summary>Lists the journal of a to-do, newest first.</summary>
    /// <param name="todoId">The to-do.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries.</returns>
    Task<IReadOnlyList<JournalEntry>> ListJournalAsync(long todoId, CancellationToken cancellationToken);

    /// <summary>Records a run (insert when <see cref="RunRecord.Id"/> is 0, else update).</summary>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The saved run with its id.</returns>
    Task<RunRecord> SaveRunAsync(RunRecord run, CancellationToken cancellationToken);

    /// <summary>Lists an account's most recent runs, newest first.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="limit">How many.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The runs.</returns>
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(long accountId, int limit, CancellationToken cancellationToken);
}
