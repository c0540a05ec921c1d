using System.Globalization;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;

namespace ProadSync.TestKit;

/// <summary>
/// A calendar target in memory with the behaviour of a real server: versions change on every write, a change log
/// serves cursors, updates and deletes are guarded by the version (<see cref="VersionConflictException"/>,
/// <see cref="ItemNotFoundException"/>), creates adopt an existing item with the same identity, and items can be
/// flagged private or recurring, edited "in another program" and broken.
/// </summary>
/// <remarks>
/// The methods ending in <c>Externally</c> simulate a user working in another program: they bypass fault injection
/// and change the version like any write. Thread-safe.
/// </remarks>
public sealed class InMemoryCalendarTarget : ICalendarTarget
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredCalendarItem> _items = new(StringComparer.Ordinal);
    private readonly List<(long Sequence, TodoKind Kind, string Id)> _log = [];
    private long _sequence;
    private long _versionCounter;
    private long _idCounter;

    /// <summary>Creates an empty target.</summary>
    /// <param name="capabilities">What it claims to do; by default tasks, cursors and one write at a time.</param>
    public InMemoryCalendarTarget(TargetCapabilities? capabilities = null)
    {
        Capabilities = capabilities ?? new TargetCapabilities { SupportsTasks = true, SupportsChangeCursor = true, MaxParallelWrites = 1 };
    }

    /// <inheritdoc />
    public TargetCapabilities Capabilities { get; set; }

    /// <summary>Faults to inject into the calls the host makes.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>
    /// Whether a full listing contains only the items touching the requested window while still claiming to be full
    /// (as a Graph calendar view does). The host must not take the missing ones for deleted (decision D-2).
    /// </summary>
    public bool WindowedListing { get; set; }

    /// <summary>Whether the server doubles every line break of stored descriptions (reported for a Macintosh server, SPEC R-NOTE-2).</summary>
    public bool DoubleLineBreaks { get; set; }

    /// <summary>Whether listings return nothing at all (a server that lost the collection); the host must refuse to act on it.</summary>
    public bool ListNothing { get; set; }

    /// <summary>A snapshot of the items of one kind, by id.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The items.</returns>
    public IReadOnlyList<StoredCalendarItem> Items(TodoKind kind)
    {
        lock (_gate)
        {
            return [.. _items.Values.Where(i => i.Kind == kind).OrderBy(i => i.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>A snapshot of all items, by id.</summary>
    /// <returns>The items.</returns>
    public IReadOnlyList<StoredCalendarItem> AllItems()
    {
        lock (_gate)
        {
            return [.. _items.Values.OrderBy(i => i.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>Finds an item by id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>The item, or <see langword="null"/>.</returns>
    public StoredCalendarItem? Find(string id)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(id);
        }
    }

    /// <summary>Finds the items carrying a source tag.</summary>
    /// <param name="sourceTag">The tag (<c>database:id</c>).</param>
    /// <returns>The items.</returns>
    public IReadOnlyList<StoredCalendarItem> FindByTag(string sourceTag)
    {
        lock (_gate)
        {
            return [.. _items.Values.Where(i => string.Equals(i.Content.SourceTag, sourceTag, StringComparison.Ordinal)).OrderBy(i => i.Id, StringComparer.Ordinal)];
        }
    }

    // ---- the contract -----------------------------------------------------------------------------------------

    /// <inheritdoc />
    public Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectionTestReport([new ConnectionTestStep("memory", TestOutcome.Passed, "The in-memory calendar is always reachable.")]));

    /// <inheritdoc />
    public Task<ChangeSet> GetChangesAsync(TodoKind kind, SyncCursor? cursor, DateRange window, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(window);
        var after = Faults.Enter(TargetOperation.GetChanges);
        ChangeSet result;
        lock (_gate)
        {
            var next = Capabilities.SupportsChangeCursor ? new SyncCursor("c" + _sequence.ToString(CultureInfo.InvariantCulture)) : null;
            if (ListNothing)
            {
                result = new ChangeSet([], [], next, IsFullListing: true);
            }
            else if (cursor is null || !Capabilities.SupportsChangeCursor || !TryParseCursor(cursor, out var since))
            {
                var items = _items.Values
                    .Where(i => i.Kind == kind && (!WindowedListing || window.Touches(i.Content.Start, i.Content.End)))
                    .OrderBy(i => i.Id, StringComparer.Ordinal)
                    .Select(Ref)
                    .ToList();
                result = new ChangeSet(items, [], next, IsFullListing: true);
            }
            else
            {
                var ids = _log.Where(e => e.Sequence > since && e.Kind == kind).Select(e => e.Id).Distinct(StringComparer.Ordinal).ToList();
                var changed = ids.Where(_items.ContainsKey).Select(id => Ref(_items[id])).ToList();
                var deleted = ids.Where(id => !_items.ContainsKey(id)).ToList();
                result = new ChangeSet(changed, deleted, next, IsFullListing: false);
            }
        }

        return after is null ? Task.FromResult(result) : throw after;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FetchedItem>> GetAsync(TodoKind kind, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(ids);
        var after = Faults.Enter(TargetOperation.Get);
        var result = new List<FetchedItem>();
        lock (_gate)
        {
            foreach (var id in ids)
            {
                if (_items.TryGetValue(id, out var item) && item.Kind == kind)
                {
                    result.Add(item.Malformed
                        ? new FetchedItem(Ref(item), null, $"The item '{id}' could not be parsed.")
                        : new FetchedItem(Ref(item), item.Content) { Warning = item.Warning });
                }
            }
        }

        return after is null ? Task.FromResult<IReadOnlyList<FetchedItem>>(result) : throw after;
    }

    /// <inheritdoc />
    public Task<CreateResult> CreateAsync(TodoKind kind, string identity, CalendarItem item, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentException.ThrowIfNullOrEmpty(identity);
        ArgumentNullException.ThrowIfNull(item);
        var after = Faults.Enter(TargetOperation.Create);
        CreateResult result;
        lock (_gate)
        {
            var existing = _items.Values.FirstOrDefault(i => i.Kind == kind && string.Equals(i.Identity, identity, StringComparison.Ordinal));
            if (existing is not null)
            {
                result = new CreateResult(Ref(existing), Adopted: true);
            }
            else
            {
                var id = NewId(kind);
                var stored = new StoredCalendarItem(id, identity, Store(item with { Kind = kind, IsPrivate = false, IsRecurring = false }), NewVersion());
                _items[id] = stored;
                Log(kind, id);
                result = new CreateResult(Ref(stored), Adopted: false);
            }
        }

        return after is null ? Task.FromResult(result) : throw after;
    }

    /// <inheritdoc />
    public Task<ExternalItemRef> UpdateAsync(TodoKind kind, ExternalItemRef item, CalendarItem content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(content);
        var after = Faults.Enter(TargetOperation.Update);
        ExternalItemRef result;
        lock (_gate)
        {
            var stored = Guard(kind, item);

            // Flags set by the user in another program stay: the host never sends them.
            var updated = stored with
            {
                Content = Store(content with { Kind = kind, IsPrivate = stored.Content.IsPrivate, IsRecurring = stored.Content.IsRecurring }),
                Version = NewVersion(),
            };
            _items[stored.Id] = updated;
            Log(kind, stored.Id);
            result = Ref(updated);
        }

        return after is null ? Task.FromResult(result) : throw after;
    }

    /// <inheritdoc />
    public Task DeleteAsync(TodoKind kind, ExternalItemRef item, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(item);
        var after = Faults.Enter(TargetOperation.Delete);
        lock (_gate)
        {
            var stored = Guard(kind, item);
            _items.Remove(stored.Id);
            Log(kind, stored.Id);
        }

        return after is null ? Task.CompletedTask : throw after;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // ---- a user in another program -----------------------------------------------------------------------------

    /// <summary>Creates an item as a user of another program would (no source tag unless given).</summary>
    /// <param name="content">The content.</param>
    /// <param name="identity">The identity (UID); a new one when <see langword="null"/>.</param>
    /// <returns>The new item's id.</returns>
    public string CreateExternally(CalendarItem content, string? identity = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        lock (_gate)
        {
            var id = NewId(content.Kind);
            _items[id] = new StoredCalendarItem(id, identity ?? "ext-" + id, Store(content), NewVersion());
            Log(content.Kind, id);
            return id;
        }
    }

    /// <summary>Changes an item as a user of another program would.</summary>
    /// <param name="id">The item.</param>
    /// <param name="edit">The change.</param>
    public void EditExternally(string id, Func<CalendarItem, CalendarItem> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        Mutate(id, s => s with { Content = edit(s.Content) });
    }

    /// <summary>Deletes an item as a user of another program would.</summary>
    /// <param name="id">The item.</param>
    public void DeleteExternally(string id)
    {
        lock (_gate)
        {
            if (_items.Remove(id, out var stored))
            {
                Log(stored.Kind, id);
            }
        }
    }

    /// <summary>Marks an item private in another program (SPEC R-COND-6).</summary>
    /// <param name="id">The item.</param>
    public void MarkPrivateExternally(string id) => EditExternally(id, c => c with { IsPrivate = true });

    /// <summary>Turns an item into a recurring series in another program (SPEC R-COND-6).</summary>
    /// <param name="id">The item.</param>
    public void MarkRecurringExternally(string id) => EditExternally(id, c => c with { IsRecurring = true });

    /// <summary>Gives an item a new version without changing its content (a server re-save).</summary>
    /// <param name="id">The item.</param>
    public void TouchExternally(string id) => Mutate(id, s => s);

    /// <summary>Makes reads of an item report it as unparseable (or readable again).</summary>
    /// <param name="id">The item.</param>
    /// <param name="malformed">Whether it is broken.</param>
    public void SetMalformed(string id, bool malformed = true) => Mutate(id, s => s with { Malformed = malformed });

    /// <summary>Makes reads of an item carry a warning (or none), without changing its version.</summary>
    /// <param name="id">The item's id.</param>
    /// <param name="warning">The warning, or <see langword="null"/>.</param>
    public void SetWarning(string id, string? warning) => Mutate(id, s => s with { Warning = warning });

    // ---- internals ----------------------------------------------------------------------------------------------

    private static ExternalItemRef Ref(StoredCalendarItem item) => new(item.Id, item.Version);

    private static bool TryParseCursor(SyncCursor cursor, out long sequence)
    {
        sequence = 0;
        return cursor.Value.StartsWith('c') && long.TryParse(cursor.Value.AsSpan(1), NumberStyles.Integer, CultureInfo.InvariantCulture, out sequence);
    }

    private CalendarItem Store(CalendarItem content)
    {
        if (DoubleLineBreaks && content.Description is { } text)
        {
            content = content with { Description = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\n\n", StringComparison.Ordinal) };
        }

        if (Capabilities.TaskDatesAreDateOnly && content.Kind == TodoKind.Task)
        {
            // Like a CalDAV VTODO with DUE;VALUE=DATE: the time of day is lost.
            content = content with { Start = DateOnlyOf(content.Start), End = DateOnlyOf(content.End) };
        }

        return content;
    }

    private static DateTimeOffset? DateOnlyOf(DateTimeOffset? value) =>
        value is { } v ? new DateTimeOffset(v.Date, v.Offset) : null;

    private StoredCalendarItem Guard(TodoKind kind, ExternalItemRef item)
    {
        if (!_items.TryGetValue(item.Id, out var stored) || stored.Kind != kind)
        {
            throw new ItemNotFoundException(item.Id);
        }

        if (!string.Equals(stored.Version.Value, item.Version.Value, StringComparison.Ordinal))
        {
            throw new VersionConflictException(item.Id);
        }

        return stored;
    }

    private void Mutate(string id, Func<StoredCalendarItem, StoredCalendarItem> change)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(id, out var stored))
            {
                throw new ItemNotFoundException(id);
            }

            var changed = change(stored) with { Version = NewVersion() };
            _items[id] = changed;
            Log(changed.Kind, id);
        }
    }

    private string NewId(TodoKind kind) =>
        string.Create(CultureInfo.InvariantCulture, $"{(kind == TodoKind.Task ? "tsk" : "apt")}-{++_idCounter}");

    private ItemVersion NewVersion() => new(string.Create(CultureInfo.InvariantCulture, $"v{++_versionCounter}"));

    private void Log(TodoKind kind, string id) => _log.Add((++_sequence, kind, id));
}
