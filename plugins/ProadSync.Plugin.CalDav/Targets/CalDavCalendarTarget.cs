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
    private readonly DavAccount _account;
    private readonly ConcurrentDictionary<string, string> _uidById = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DavResource> _prefetched = new(StringComparer.Ordinal);
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
        MaxParallelWrites = _account.Settings.MaxParallelWrites,
    };

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
        var (ctag, propToken) = await DavAccount.Guard(() => collection.GetCTagAsync(cancellationToken));

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
                    var delta = await DavAccount.Guard(() => collection.SyncAsync(token, invalid, cancellationToken));
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
                    ? new FetchedItem(reference, parsed.Item)
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
        var result = await DavItems.CreateAsync(collection, identity, text, cancellationToken);
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
        var updated = await DavItems.UpdateAsync(collection, item, Write(uid, content with { Kind = kind }), cancellationToken);
        _uidById[id] = uid;
        return updated;
    }

    /// <inheritdoc />
    public async Task DeleteAsync(TodoKind kind, ExternalItemRef item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var (collection, _, _) = await ReadyAsync(kind, cancellationToken);
        await DavItems.DeleteAsync(collection, item, cancellationToken);
        _uidById.TryRemove(item.Id, out _);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _account.Dispose();
        return ValueTask.CompletedTask;
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

        var read = await DavItems.ReadAsync(collection, changed.Select(c => c.Href).ToList(), _account.Settings.MultigetBatch, _account.Logger, cancellationToken);
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
