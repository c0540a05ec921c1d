using ProadSync.Abstractions.Models;
using ProadSync.Core.Leading;

namespace ProadSync.TestKit;

/// <summary>
/// The leading-system port in memory, faithful to <see cref="ILeadingSystem"/>'s documentation: revisions grow with
/// every change, <see cref="ApplyInboundAsync"/> is guarded by the revision, compound operations change the to-do and
/// its link together, deleting a to-do keeps its links, and <see cref="Todo.SyncActive"/> is computed from the links.
/// </summary>
/// <remarks>Faults can be injected per method name (<see cref="FailNext"/>) to simulate a crash between two writes. Thread-safe.</remarks>
public sealed class InMemoryLeadingSystem : ILeadingSystem
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<long, LeadingUser> _users = [];
    private readonly Dictionary<long, Todo> _todos = [];
    private readonly Dictionary<long, Contact> _contacts = [];
    private readonly Dictionary<long, SyncAccount> _accounts = [];
    private readonly Dictionary<(long Account, LinkKind Kind, long LeadingId), SyncLink> _links = [];
    private readonly Dictionary<(long Account, string Key), string> _state = [];
    private readonly List<JournalEntry> _journal = [];
    private readonly Dictionary<long, RunRecord> _runs = [];
    private readonly Dictionary<string, Queue<Func<Exception>>> _faults = new(StringComparer.Ordinal);
    private long _nextId;
    private long _changeCounter = 1;
    private int _listTodosCalls;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock for modification times.</param>
    /// <param name="databaseName">The database's name.</param>
    /// <param name="timeZoneId">The database's IANA time zone.</param>
    public InMemoryLeadingSystem(TimeProvider timeProvider, string databaseName = "demo", string timeZoneId = "Europe/Berlin")
    {
        _time = timeProvider;
        Database = new DatabaseInfo(databaseName, "memory", "memory", timeZoneId);
    }

    /// <inheritdoc />
    public DatabaseInfo Database { get; }

    /// <summary>Makes the next call of the named method (for example <c>nameof(SaveLinkAsync)</c>) throw before it takes effect.</summary>
    /// <param name="method">The method name.</param>
    /// <param name="exception">Creates the exception.</param>
    public void FailNext(string method, Func<Exception> exception)
    {
        lock (_gate)
        {
            if (!_faults.TryGetValue(method, out var queue))
            {
                _faults[method] = queue = new Queue<Func<Exception>>();
            }

            queue.Enqueue(exception);
        }
    }

    /// <summary>How often <see cref="ListTodosAsync"/> was called (a run that takes the no-change fast path does not call it).</summary>
    public int ListTodosCalls => Volatile.Read(ref _listTodosCalls);

    /// <summary>A snapshot of every to-do (with <see cref="Todo.SyncActive"/> filled), by id.</summary>
    /// <returns>The to-dos.</returns>
    public IReadOnlyList<Todo> AllTodos()
    {
        lock (_gate)
        {
            return [.. _todos.Values.OrderBy(t => t.Id).Select(WithSyncActive)];
        }
    }

    /// <summary>A snapshot of every link.</summary>
    /// <returns>The links.</returns>
    public IReadOnlyList<SyncLink> AllLinks()
    {
        lock (_gate)
        {
            return [.. _links.Values.OrderBy(l => l.AccountId).ThenBy(l => l.Kind).ThenBy(l => l.LeadingId)];
        }
    }

    /// <summary>A snapshot of the journal, oldest first.</summary>
    /// <returns>The entries.</returns>
    public IReadOnlyList<JournalEntry> AllJournal()
    {
        lock (_gate)
        {
            return [.. _journal];
        }
    }

    // ---- users ----------------------------------------------------------------------------------------------------

    /// <inheritdoc />
    public Task<LeadingUser> AddUserAsync(string login, string displayName, bool mayConfigureSync, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(nameof(AddUserAsync));
            Interlocked.Increment(ref _changeCounter);
            if (string.IsNullOrWhiteSpace(login) || _users.Values.Any(u => string.Equals(u.Login, login, StringComparison.OrdinalIgnoreCase)))
            {
                throw new LeadingValidationException($"The login '{login}' is empty or exists already.");
            }

            var user = new LeadingUser(++_nextId, login, displayName, mayConfigureSync);
            _users[user.Id] = user;
            return Task.FromResult(user);
        }
    }

    /// <inheritdoc />
    public Task UpdateUserAsync(LeadingUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        lock (_gate)
        {
            Enter(nameof(UpdateUserAsync));
            Interlocked.Increment(ref _changeCounter);
            if (!_users.ContainsKey(user.Id))
            {
                throw new LeadingValidationException($"The user {user.Id} does not exist.");
            }

            _users[user.Id] = user;
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task<LeadingUser?> FindUserAsync(string login, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_users.Values.FirstOrDefault(u => string.Equals(u.Login, login, StringComparison.OrdinalIgnoreCase)));
        }
    }

    /// <inheritdoc />
    public Task<LeadingUser?> GetUserAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_users.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LeadingUser>> ListUsersAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<LeadingUser>>([.. _users.Values.OrderBy(u => u.Login, StringComparer.OrdinalIgnoreCase)]);
        }
    }

    // ---- to-dos ---------------------------------------------------------------------------------------------------

    /// <inheritdoc />
    public Task<Todo> AddTodoAsync(TodoDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        lock (_gate)
        {
            Enter(nameof(AddTodoAsync));
            Interlocked.Increment(ref _changeCounter);
            var todo = InsertTodo(draft);
            return Task.FromResult(WithSyncActive(todo));
        }
    }

    /// <inheritdoc />
    public Task<Todo> UpdateTodoAsync(long id, TodoDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        lock (_gate)
        {
            Enter(nameof(UpdateTodoAsync));
            Interlocked.Increment(ref _changeCounter);
            if (!_todos.TryGetValue(id, out var todo))
            {
                throw new LeadingValidationException($"The to-do {id} does not exist.");
            }

            Validate(draft);
            todo = todo with
            {
                ResponsibleUserId = draft.ResponsibleUserId,
                Content = Clean(draft.Content),
                ProjectNumber = draft.ProjectNumber,
                ProjectName = draft.ProjectName,
                ModifiedAt = _time.GetUtcNow(),
                Revision = todo.Revision + 1,
            };
            _todos[id] = todo;
            return Task.FromResult(WithSyncActive(todo));
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteTodoAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(nameof(DeleteTodoAsync));
            Interlocked.Increment(ref _changeCounter);
            return Task.FromResult(_todos.Remove(id));
        }
    }

    /// <inheritdoc />
    public Task<Todo?> GetTodoAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_todos.TryGetValue(id, out var todo) ? WithSyncActive(todo) : null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Todo>> ListTodosAsync(TodoQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            Interlocked.Increment(ref _listTodosCalls);
            IReadOnlyList<Todo> result =
            [
                .. _todos.Values
                    .Where(t => query.ResponsibleUserId is not { } user || t.ResponsibleUserId == user)
                    .Where(t => query.Kind is not { } kind || t.Kind == kind)
                    .Where(t => query.EndOnOrAfter is not { } end || (t.Content.End is { } e && e >= end))
                    .Where(t => query.IncludeExternallyDeleted || !t.ExternallyDeleted)
                    .OrderBy(t => t.Id)
                    .Select(WithSyncActive),
            ];
            return Task.FromResult(result);
        }
    }

    // ---- contacts -------------------------------------------------------------------------------------------------

    /// <inheritdoc />
    public Task<Contact> AddContactAsync(ContactData data, bool active, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(nameof(AddContactAsync));
            Interlocked.Increment(ref _changeCounter);
            var contact = new Contact(++_nextId, data, active, 1, _time.GetUtcNow());
            _contacts[contact.Id] = contact;
            return Task.FromResult(contact);
        }
    }

    /// <inheritdoc />
    public Task<Contact> UpdateContactAsync(long id, ContactData data, bool active, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(nameof(UpdateContactAsync));
            Interlocked.Increment(ref _changeCounter);
            if (!_contacts.TryGetValue(id, out var contact))
            {
                throw new LeadingValidationException($"The contact {id} does not exist.");
            }

            contact = contact with { Data = data, Active = active, Revision = contact.Revision + 1, ModifiedAt = _time.GetUtcNow() };
            _contacts[id] = contact;
            return Task.FromResult(contact);
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteContactAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(nameof(DeleteContactAsync));
            Interlocked.Increment(ref _changeCounter);
            return Task.FromResult(_contacts.Remove(id));
        }
    }

    /// <inheritdoc />
    public Task<Contact?> GetContactAsync(long id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_contacts.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Contact>> ListContactsAsync(bool activeOnly, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Contact>>([.. _contacts.Values.Where(c => !activeOnly || c.Active).OrderBy(c => c.Id)]);
        }
    }

    // ---- change counter -------------------------------------------------------------------------------------------

    /// <inheritdoc />
    public Task<long> GetChangeCounterAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(nameof(GetChangeCounterAsync));
            return Task.FromResult(Interlocked.Read(ref _changeCounter));
        }
    }

    // ---- accounts -------------------------------------------------------------------------------------------------

    /// <inheritdoc />
    public Task<SyncAccount?> GetAccountByUserAsync(long userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_accounts.Values.FirstOrDefault(a => a.UserId == userId));
        }
    }

    /// <inheritdoc />
    public Task<SyncAccount?> GetAccountAsync(long accountId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_accounts.GetValueOrDefault(accountId));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SyncAccount>> ListAccountsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SyncAccount>>([.. _accounts.Values.OrderBy(a => a.Id)]);
        }
    }

    /// <inheritdoc />
    public Task<SyncAccount> SaveAccountAsync(SyncAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (_gate)
        {
            Enter(nameof(SaveAccountAsync));
            if (!_users.ContainsKey(account.UserId))
            {
                throw new LeadingValidationException($"The user {account.UserId} does not exist.");
            }

            if (_accounts.Values.Any(a => a.UserId == account.UserId && a.Id != account.Id))
            {
                throw new LeadingValidationException($"The user {account.UserId} already has an account.");
            }

            var saved = account.Id == 0 ? account with { Id = ++_nextId } : account;
            _accounts[saved.Id] = saved;
            return Task.FromResult(saved);
        }
    }

    // ---- links, cursors, state ------------------------------------------------------------------------------------

    /// <inheritdoc />
    public Task<IReadOnlyList<SyncLink>> ListLinksAsync(long accountId, LinkKind kind, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SyncLink>>([.. _links.Values.Where(l => l.AccountId == accountId && l.Kind == kind).OrderBy(l => l.LeadingId)]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SyncLink>> ListLinksOfItemAsync(LinkKind kind, long leadingId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SyncLink>>([.. _links.Values.Where(l => l.Kind == kind && l.LeadingId == leadingId).OrderBy(l => l.AccountId)]);
        }
    }

    /// <inheritdoc />
    public Task SaveLinkAsync(SyncLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        lock (_gate)
        {
            Enter(nameof(SaveLinkAsync));
            Interlocked.Increment(ref _changeCounter);
            _links[(link.AccountId, link.Kind, link.LeadingId)] = link;
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task DeleteLinkAsync(long accountId, LinkKind kind, long leadingId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(nameof(DeleteLinkAsync));
            Interlocked.Increment(ref _changeCounter);
            _links.Remove((accountId, kind, leadingId));
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task<int> DeleteAllLinksAsync(long accountId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(nameof(DeleteAllLinksAsync));
            Interlocked.Increment(ref _changeCounter);
            var keys = _links.Keys.Where(k => k.Account == accountId).ToList();
            foreach (var key in keys)
            {
                _links.Remove(key);
            }

            foreach (var key in _state.Keys.Where(k => k.Account == accountId && k.Key.StartsWith("cursor:", StringComparison.Ordinal)).ToList())
            {
                _state.Remove(key);
            }

            return Task.FromResult(keys.Count);
        }
    }

    /// <inheritdoc />
    public Task<Todo> ApplyInboundAsync(long todoId, long expectedRevision, CalendarItem content, SyncLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(link);
        lock (_gate)
        {
            Enter(nameof(ApplyInboundAsync));
            Interlocked.Increment(ref _changeCounter);
            if (!_todos.TryGetValue(todoId, out var todo) || todo.Revision != expectedRevision)
            {
                throw new LeadingConcurrencyException($"The to-do {todoId} changed or vanished since it was read.");
            }

            todo = todo with { Content = Clean(content with { Kind = todo.Kind }), Revision = todo.Revision + 1, ModifiedAt = _time.GetUtcNow() };
            _todos[todoId] = todo;
            var saved = link with { LeadingId = todoId, LeadingRevision = todo.Revision };
            _links[(saved.AccountId, saved.Kind, saved.LeadingId)] = saved;
            return Task.FromResult(WithSyncActive(todo));
        }
    }

    /// <summary>Validates and stores a new to-do (revision 1); the caller holds the gate.</summary>
    private Todo InsertTodo(TodoDraft draft)
    {
        Validate(draft);
        var now = _time.GetUtcNow();
        var todo = new Todo
        {
            Id = ++_nextId,
            ResponsibleUserId = draft.ResponsibleUserId,
            Content = Clean(draft.Content),
            ProjectNumber = draft.ProjectNumber,
            ProjectName = draft.ProjectName,
            CreatedAt = now,
            ModifiedAt = now,
            Revision = 1,
        };
        _todos[todo.Id] = todo;
        return todo;
    }

    /// <inheritdoc />
    public Task<Todo> ImportTodoAsync(TodoDraft draft, SyncLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(link);
        lock (_gate)
        {
            Enter(nameof(ImportTodoAsync));
            Interlocked.Increment(ref _changeCounter);
            var todo = InsertTodo(draft);
            var saved = link with { LeadingId = todo.Id, LeadingRevision = todo.Revision };
            _links[(saved.AccountId, saved.Kind, saved.LeadingId)] = saved;
            return Task.FromResult(WithSyncActive(todo));
        }
    }

    /// <inheritdoc />
    public Task MarkExternallyDeletedAsync(long accountId, long todoId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(nameof(MarkExternallyDeletedAsync));
            Interlocked.Increment(ref _changeCounter);
            if (_todos.TryGetValue(todoId, out var todo))
            {
                _todos[todoId] = todo with { ExternallyDeleted = true };
                var key = (accountId, todo.Kind == TodoKind.Task ? LinkKind.Task : LinkKind.Appointment, todoId);
                if (_links.TryGetValue(key, out var link))
                {
                    _links[key] = link with { Active = false, InactiveReason = "externally deleted", UpdatedAt = _time.GetUtcNow() };
                }
            }

            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task ClearExternallyDeletedAsync(long todoId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(nameof(ClearExternallyDeletedAsync));
            Interlocked.Increment(ref _changeCounter);
            if (_todos.TryGetValue(todoId, out var todo))
            {
                _todos[todoId] = todo with { ExternallyDeleted = false };
            }

            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task<string?> GetStateAsync(long accountId, string key, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_state.GetValueOrDefault((accountId, key)));
        }
    }

    /// <inheritdoc />
    public Task SetStateAsync(long accountId, string key, string? value, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Enter(nameof(SetStateAsync));
            if (value is null)
            {
                _state.Remove((accountId, key));
            }
            else
            {
                _state[(accountId, key)] = value;
            }

            return Task.CompletedTask;
        }
    }

    // ---- journal and runs -----------------------------------------------------------------------------------------

    /// <inheritdoc />
    public Task AppendJournalAsync(JournalEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            Enter(nameof(AppendJournalAsync));
            _journal.Add(entry with { Id = ++_nextId });
            return Task.CompletedTask;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> ListJournalAsync(long todoId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<JournalEntry>>([.. _journal.Where(j => j.TodoId == todoId).OrderByDescending(j => j.Id)]);
        }
    }

    /// <inheritdoc />
    public Task<RunRecord> SaveRunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            Enter(nameof(SaveRunAsync));
            var saved = run.Id == 0 ? run with { Id = ++_nextId } : run;
            _runs[saved.Id] = saved;
            return Task.FromResult(saved);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RunRecord>> ListRunsAsync(long accountId, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<RunRecord>>([.. _runs.Values.Where(r => r.AccountId == accountId).OrderByDescending(r => r.Id).Take(limit)]);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // ---- internals ------------------------------------------------------------------------------------------------

    private static CalendarItem Clean(CalendarItem content) => content with { IsPrivate = false, IsRecurring = false, SourceTag = null };

    private void Enter(string method)
    {
        if (_faults.TryGetValue(method, out var queue) && queue.TryDequeue(out var fault))
        {
            throw fault();
        }
    }

    private void Validate(TodoDraft draft)
    {
        if (!_users.ContainsKey(draft.ResponsibleUserId))
        {
            throw new LeadingValidationException($"The user {draft.ResponsibleUserId} does not exist.");
        }

        if (draft.Content.Start is { } start && draft.Content.End is { } end && end < start)
        {
            throw new LeadingValidationException("The to-do ends before it starts.");
        }
    }

    private Todo WithSyncActive(Todo todo)
    {
        var kind = todo.Kind == TodoKind.Task ? LinkKind.Task : LinkKind.Appointment;
        return todo with { SyncActive = _links.Values.Any(l => l.Kind == kind && l.LeadingId == todo.Id && l.Active) };
    }
}
