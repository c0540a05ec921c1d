using System.Collections.Concurrent;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Formats;
using ProadSync.Plugin.CalDav.Dav;
using ProadSync.Plugin.CalDav.Http;
using ProadSync.Plugin.CalDav.Probe;

namespace ProadSync.Plugin.CalDav.Targets;

/// <summary>
/// Appointments and tasks in CalDAV calendars: one calendar for both when it accepts VTODO, else a separate task
/// calendar. Change detection by ctag short-cut, RFC 6578 sync-collection where the server reports invalid tokens,
/// a periodic full ETag reconcile where it does not (DAViCal), full ETag listings where it has none (SabreDAV 1.8).
/// </summary>
internal sealed class CalDavCalendarTarget : ICalendarTarget
{
    /// <summary>The prefix of the identities the host gives the items it creates (<c>proadsync-&lt;database&gt;-&lt;id&gt;</c>).</summary>
    private const string OwnPrefix = "proadsync-";

    private readonly DavAccount _account;
    private readonly ConcurrentDictionary<string, string> _uidById = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DavResource> _prefetched = new(StringComparer.Ordinal);

    // The engine reads appointments and then tasks from the same calendar: the ctag and the delta read for one kind are
    // used once more, by the other kind, unless this target wrote in between; a later call reads again.
    private readonly ConcurrentDictionary<string, (string? CTag, string? Token, TodoKind ReadFor)> _ctags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DavSyncResult Delta, TodoKind ReadFor)> _deltas = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DavResource> _classified = new(StringComparer.Ordinal);
    // Time zones this target has written; the first write of each zone goes alone (see WriteAsync).
    private readonly ConcurrentDictionary<string, bool> _zonesWritten = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _zoneGate = new(1, 1);
    private DavCollection? _events;
    private DavCollection? _tasks;

    /// <summary>Creates the target (does not connect).</summary>
    /// <param name="account">The account connection.</param>
    public CalDavCalendarTarget(DavAccount account) => _account = account;

    /// <inheritdoc />
    public TargetCapabilities Capabilities => new()
    {
        SupportsTasks = true,
        SupportsChangeCursor = _account.Capabilities is { } c
            ? c.SyncCollection
            : _account.Settings.Profile != ServerProfiles.Baikal,
        TaskDatesAreDateOnly = false,
        MaxParallelWrites = ParallelWrites(_account),
    };

    /// <summary>
    /// The account's maxParallelWrites; without one, 1 on Radicale and Xandikos, which serialise writes (a storage
    /// lock, a git commit per PUT): the benchmark measured 4 parallel PUTs there 1.5× slower than one at a time.
    /// </summary>
    private static int ParallelWrites(DavAccount account) =>
        !account.Settings.MaxParallelWritesGiven && account.Capabilities?.Profile is ServerProfiles.Radicale or ServerProfiles.Xandikos
            ? 1
            : account.Settings.MaxParallelWrites;

    /// <inheritdoc />
    public async Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken)
    {
        var steps = new List<ConnectionTestStep>();
        var (go, authFailed) = await _account.TestBasicsAsync(steps, cancellationToken);
        if (!go)
        {
            return new ConnectionTestReport(steps) { AuthenticationFailed = authFailed };
        }

        DavCollection events, tasks;
        try
        {
            (events, tasks) = await _account.GetCalendarsAsync(cancellationToken);
            (_events, _tasks) = (events, tasks);
            var where = events.Url == tasks.Url ? $"appointments and tasks in {events.Url}" : $"appointments in {events.Url}, tasks in {tasks.Url}";
            steps.Add(new ConnectionTestStep("collections found", TestOutcome.Passed, $"Found {where}."));
        }
        catch (TargetException ex)
        {
            steps.Add(new ConnectionTestStep("collections found", TestOutcome.Failed, ex.Message));
            DavAccount.Skip(steps, "profile chosen");
            return new ConnectionTestReport(steps) { AuthenticationFailed = ex is TargetAuthenticationException };
        }

        try
        {
            var c = await _account.GetCapabilitiesAsync(events, tasks, force: true, cancellationToken);
            var how = c.SyncCollection
                ? c.InvalidTokenReported ? "sync-collection" : $"sync-collection with a full ETag reconcile every {_account.Settings.ReconcileEvery} runs"
                : "ctag and ETag listings";
            var outcome = c.TodoAccepted ? TestOutcome.Passed : TestOutcome.Warning;
            var todo = c.TodoAccepted ? string.Empty : " The task calendar refused a test task: tasks will fail.";
            steps.Add(new ConnectionTestStep("profile chosen", outcome,
                $"Profile '{c.Profile}' ({c.ServerSoftware ?? "server unknown"}); changes found by {how}; multiget with a missing item: {c.Multiget}.{todo}"));
        }
        catch (TargetException ex)
        {
            steps.Add(new ConnectionTestStep("profile chosen", TestOutcome.Failed, ex.Message));
        }

        return new ConnectionTestReport(steps);
    }

    /// <inheritdoc />
    public async Task<ChangeSet> GetChangesAsync(TodoKind kind, SyncCursor? cursor, DateRange window, CancellationToken cancellationToken)
    {
        var (collection, shared, caps) = await ReadyAsync(kind, cancellationToken);
        var key = DavCursor.KeyOf(collection.Url);
        var previous = DavCursor.Parse(cursor?.Value) is { } p && p.Collection == key ? p : null;
        string? ctag, propToken;
        if (_ctags.TryRemove(key, out var known) && known.ReadFor != kind)
        {
            (ctag, propToken) = (known.CTag, known.Token);
        }
        else
        {
            (ctag, propToken) = await DavAccount.Guard(() => collection.GetCTagAsync(cancellationToken));
            _ctags[key] = (ctag, propToken, kind);
        }

        // Nothing changed in the collection: no listing at all.
        if (previous is not null && ctag is not null && previous.CTag == ctag)
        {
            return new ChangeSet([], [], new SyncCursor(previous.ToString()), IsFullListing: false);
        }

        if (caps.SyncCollection && previous?.Token is { } token)
        {
            var reconcile = !caps.InvalidTokenReported && previous.Runs + 1 >= _account.Settings.ReconcileEvery;
            if (reconcile)
            {
                Log.Reconcile(_account.Logger, collection.Url, previous.Runs + 1);
            }
            else
            {
                try
                {
                    var invalid = caps.InvalidTokenStatus is { } s ? new HashSet<int> { 403, 409, 412, s } : new HashSet<int> { 403, 409, 412 };
                    var deltaKey = key + "\n" + token;
                    DavSyncResult delta;
                    if (_deltas.TryRemove(deltaKey, out var seen) && seen.ReadFor != kind)
                    {
                        delta = seen.Delta;
                    }
                    else
                    {
                        delta = await DavAccount.Guard(() => collection.SyncAsync(token, invalid, cancellationToken));
                        _deltas[deltaKey] = (delta, kind);
                    }

                    var items = shared ? await OfKindAsync(collection, kind, delta.Changed, cancellationToken) : delta.Changed;
                    return new ChangeSet(
                        items.Select(Ref).ToList(),
                        delta.Deleted.Select(DavHref.CanonicalId).ToList(),
                        new SyncCursor(new DavCursor(key, ctag, delta.Token ?? token, previous.Runs + 1).ToString()),
                        IsFullListing: false);
                }
                catch (DavInvalidSyncTokenException ex)
                {
                    Log.TokenRefused(_account.Logger, collection.Url, ex.Message);
                }
            }
        }

        // Full listing (first run, refused token, reconcile, or no sync-collection).
        var listing = await DavAccount.Guard(() => collection.ListAsync(shared ? Component(kind) : null, cancellationToken));
        var nextToken = propToken;
        if (caps.SyncCollection && nextToken is null)
        {
            nextToken = (await DavAccount.Guard(() => collection.SyncAsync(string.Empty, new HashSet<int>(), cancellationToken))).Token;
        }

        return new ChangeSet(
            listing.Select(Ref).ToList(),
            [],
            new SyncCursor(new DavCursor(key, ctag, caps.SyncCollection ? nextToken : null, 0).ToString()),
            IsFullListing: true);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FetchedItem>> GetAsync(TodoKind kind, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var (collection, _, _) = await ReadyAsync(kind, cancellationToken);
        var resources = new Dictionary<string, DavResource>(StringComparer.Ordinal);
        var toRead = new List<Uri>();
        foreach (var id in ids)
        {
            var href = DavHref.FromId(collection.Url, id);
            if (_prefetched.TryRemove(DavHref.CanonicalId(href), out var cached))
            {
                resources[DavHref.CanonicalId(href)] = cached;
            }
            else
            {
                toRead.Add(href);
            }
        }

        foreach (var r in await DavItems.ReadAsync(collection, toRead, _account.Settings.MultigetBatch, _account.Logger, cancellationToken))
        {
            resources[DavHref.CanonicalId(r.Href)] = r;
        }

        var result = new List<FetchedItem>();
        foreach (var id in ids)
        {
            var canonical = DavHref.CanonicalId(DavHref.FromId(collection.Url, id));
            if (!resources.TryGetValue(canonical, out var r))
            {
                continue;
            }

            var reference = new ExternalItemRef(canonical, new ItemVersion(r.ETag));
            try
            {
                var parsed = IcsReader.Read(r.Data ?? string.Empty);
                _uidById[canonical] = parsed.Uid;
                result.Add(parsed.Item.Kind == kind
                    ? new FetchedItem(reference, parsed.Item) { Warning = r.ReadAsWindows1252 ? IcsBytes.NotUtf8Warning($"The server's object '{canonical}'") : null }
                    : new FetchedItem(reference, null, $"The object is {(parsed.Item.Kind == TodoKind.Task ? "a task" : "an appointment")}, not {(kind == TodoKind.Task ? "a task" : "an appointment")}."));
            }
            catch (IcsFormatException ex)
            {
                result.Add(new FetchedItem(reference, null, $"The server's object cannot be read: {ex.Message}"));
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<CreateResult> CreateAsync(TodoKind kind, string identity, CalendarItem item, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(identity);
        ArgumentNullException.ThrowIfNull(item);
        var (collection, _, _) = await ReadyAsync(kind, cancellationToken);
        var text = Write(identity, item with { Kind = kind });
        ForgetReads();
        var result = await WriteAsync(item.TimeZoneId, () => DavItems.CreateAsync(collection, identity, text, cancellationToken), cancellationToken);
        if (!result.Adopted)
        {
            _uidById[result.Item.Id] = identity;
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<ExternalItemRef> UpdateAsync(TodoKind kind, ExternalItemRef item, CalendarItem content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(content);
        var (collection, _, _) = await ReadyAsync(kind, cancellationToken);
        var id = DavHref.CanonicalId(DavHref.FromId(collection.Url, item.Id));
        var uid = await UidOfAsync(collection, item, cancellationToken);
        ForgetReads();
        var text = Write(uid, content with { Kind = kind });
        var updated = await WriteAsync(content.TimeZoneId, () => DavItems.UpdateAsync(collection, item, text, cancellationToken), cancellationToken);
        _uidById[id] = uid;
        return updated;
    }

    /// <inheritdoc />
    public async Task DeleteAsync(TodoKind kind, ExternalItemRef item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var (collection, _, _) = await ReadyAsync(kind, cancellationToken);
        ForgetReads();
        await DavItems.DeleteAsync(collection, item, cancellationToken);
        _uidById.TryRemove(item.Id, out _);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _zoneGate.Dispose();
        _account.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs a write; the first write of each time zone goes alone. DAViCal answers 500 to parallel PUTs carrying a
    /// VTIMEZONE it has not stored yet (each one inserts the zone, all but one hit the unique key) — measured by the
    /// benchmark on a fresh server with the default of 4 parallel writes.
    /// </summary>
    private async Task<T> WriteAsync<T>(string? zone, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        var key = zone ?? string.Empty;
        if (_zonesWritten.ContainsKey(key))
        {
            return await write();
        }

        await _zoneGate.WaitAsync(cancellationToken);
        var held = true;
        try
        {
            if (_zonesWritten.ContainsKey(key))
            {
                _zoneGate.Release();
                held = false;
                return await write();
            }

            var result = await write();
            _zonesWritten[key] = true;
            return result;
        }
        finally
        {
            if (held)
            {
                _zoneGate.Release();
            }
        }
    }

    /// <summary>After a write the collection's ctag and changes are no longer the ones read.</summary>
    private void ForgetReads()
    {
        _ctags.Clear();
        _deltas.Clear();
        _classified.Clear();
    }

    private static string Component(TodoKind kind) => kind == TodoKind.Task ? "VTODO" : "VEVENT";

    private static ExternalItemRef Ref(DavResource r) => new(DavHref.CanonicalId(r.Href), new ItemVersion(r.ETag));

    private string Write(string uid, CalendarItem item)
    {
        try
        {
            return IcsWriter.Write(uid, item, _account.TimeProvider);
        }
        catch (IcsFormatException ex)
        {
            throw new ItemRejectedException($"The item '{uid}' cannot be written as iCalendar: {ex.Message}", ex);
        }
    }

    /// <summary>The UID an update must keep: remembered from a read or create, else read from the server.</summary>
    private async Task<string> UidOfAsync(DavCollection collection, ExternalItemRef item, CancellationToken cancellationToken)
    {
        var id = DavHref.CanonicalId(DavHref.FromId(collection.Url, item.Id));
        if (_uidById.TryGetValue(id, out var known))
        {
            return known;
        }

        // An object this plugin created lives at <identity>.ics with UID <identity> (DavItems.CreateAsync); the If-Match
        // of the update guarantees it is still that object, so it need not be read first.
        var fileName = DavHref.LastSegment(DavHref.FromId(collection.Url, item.Id));
        if (fileName.StartsWith(OwnPrefix, StringComparison.Ordinal) && fileName.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) && fileName.Length > OwnPrefix.Length + 4)
        {
            return fileName[..^4];
        }

        var current = await DavAccount.Guard(() => collection.GetAsync(DavHref.FromId(collection.Url, item.Id), cancellationToken))
            ?? throw new ItemNotFoundException(item.Id);
        if (current.ETag != DavETag.Normalize(item.Version.Value))
        {
            throw new VersionConflictException(item.Id);
        }

        try
        {
            return IcsReader.Read(current.Data ?? string.Empty).Uid;
        }
        catch (IcsFormatException)
        {
            // An unreadable object on the server: its file name is the best UID we have.
            var name = DavHref.LastSegment(current.Href);
            return name.EndsWith(".ics", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
        }
    }

    /// <summary>Keeps the changed items of one kind; reads them once (the host's GetAsync then uses what was read).</summary>
    private async Task<IReadOnlyList<DavResource>> OfKindAsync(DavCollection collection, TodoKind kind, IReadOnlyList<DavResource> changed, CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
        {
            return changed;
        }

        var read = new List<DavResource>();
        var toRead = new List<Uri>();
        foreach (var c in changed)
        {
            if (_classified.TryGetValue(DavHref.CanonicalId(c.Href), out var r) && r.ETag == c.ETag)
            {
                read.Add(r);
            }
            else
            {
                toRead.Add(c.Href);
            }
        }

        foreach (var r in await DavItems.ReadAsync(collection, toRead, _account.Settings.MultigetBatch, _account.Logger, cancellationToken))
        {
            _classified[DavHref.CanonicalId(r.Href)] = r;
            read.Add(r);
        }

        var mine = kind == TodoKind.Task ? "BEGIN:VTODO" : "BEGIN:VEVENT";
        var other = kind == TodoKind.Task ? "BEGIN:VEVENT" : "BEGIN:VTODO";
        var result = new List<DavResource>();
        foreach (var r in read)
        {
            var data = r.Data ?? string.Empty;
            var isMine = data.Contains(mine, StringComparison.OrdinalIgnoreCase);
            if (isMine || !data.Contains(other, StringComparison.OrdinalIgnoreCase))
            {
                result.Add(r);
                _prefetched[DavHref.CanonicalId(r.Href)] = r;
            }
        }

        return result;
    }

    private async Task<(DavCollection Collection, bool Shared, ServerCapabilities Caps)> ReadyAsync(TodoKind kind, CancellationToken cancellationToken)
    {
        if (_events is null || _tasks is null)
        {
            (_events, _tasks) = await _account.GetCalendarsAsync(cancellationToken);
        }

        var caps = await _account.GetCapabilitiesAsync(_events, _tasks, force: false, cancellationToken);
        var shared = DavHref.Key(_events.Url) == DavHref.Key(_tasks.Url);
        return (kind == TodoKind.Task ? _tasks : _events, shared, caps);
    }
}
