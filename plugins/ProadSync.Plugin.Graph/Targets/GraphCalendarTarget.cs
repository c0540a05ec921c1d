using System.Globalization;
using Microsoft.Graph.Models;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Plugin.Graph.Mapping;

namespace ProadSync.Plugin.Graph.Targets;

/// <summary>
/// A mailbox's default calendar (events via <c>calendarView/delta</c>) and its default To Do list (tasks via
/// <c>tasks/delta</c>), reached app-only through Microsoft Graph.
/// </summary>
internal sealed class GraphCalendarTarget(GraphConnection connection) : ICalendarTarget
{
    private const string AppointmentKind = "appointment";
    private const string TaskKind = "task";
    private string? _defaultListId;
    private Dictionary<string, ExternalItemRef>? _tasksByIdentity;

    public TargetCapabilities Capabilities { get; } = new()
    {
        SupportsTasks = true,
        SupportsChangeCursor = true,
        TaskDatesAreDateOnly = true,
        MaxParallelWrites = 4,
    };

    public Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken) =>
        GraphConnectionTest.RunAsync(connection, calendar: true, tasks: true, contacts: false, cancellationToken);

    public async Task<ChangeSet> GetChangesAsync(TodoKind kind, SyncCursor? cursor, DateRange window, CancellationToken cancellationToken)
    {
        var what = kind == TodoKind.Appointment ? "reading calendar changes" : "reading task changes";
        try
        {
            var stored = GraphCursor.Parse(cursor?.Value);
            if (kind == TodoKind.Appointment)
            {
                if (stored is { Kind: AppointmentKind } && stored.WindowStart <= window.Start && window.End <= stored.WindowEnd)
                {
                    try
                    {
                        return await RoundAsync(kind, stored, stored.DeltaLink, cancellationToken);
                    }
                    catch (Exception ex) when (GraphErrors.IsSyncStateLost(ex))
                    {
                        // The delta token expired or is unknown: start a new baseline (full listing).
                    }
                }

                var (start, end) = Baseline(window);
                return await RoundAsync(kind, new GraphCursor(1, AppointmentKind, start, end, string.Empty), null, cancellationToken);
            }

            if (stored is { Kind: TaskKind })
            {
                try
                {
                    return await RoundAsync(kind, stored, stored.DeltaLink, cancellationToken);
                }
                catch (Exception ex) when (GraphErrors.IsSyncStateLost(ex))
                {
                    // As above: full listing.
                }
            }

            return await RoundAsync(kind, new GraphCursor(1, TaskKind, null, null, string.Empty), null, cancellationToken);
        }
        catch (Exception ex)
        {
            throw GraphErrors.Map(ex, what);
        }
    }

    public async Task<IReadOnlyList<FetchedItem>> GetAsync(TodoKind kind, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var list = kind == TodoKind.Task ? await WrapAsync(() => DefaultListIdAsync(cancellationToken)) : null;
        var results = new FetchedItem?[ids.Count];
        // Outlook allows four concurrent requests per app and mailbox.
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (index, ct) => results[index] = await GetOneAsync(kind, list, ids[index], ct));
        return [.. results.OfType<FetchedItem>()];
    }

    private async Task<FetchedItem?> GetOneAsync(TodoKind kind, string? list, string id, CancellationToken cancellationToken)
    {
        try
        {
            if (kind == TodoKind.Appointment)
            {
                var ev = await connection.Mailbox.Events[id].GetAsync(
                    c => c.QueryParameters.Expand = [ExtendedProperties.Expand(GraphTags.SourceTagProperty)], cancellationToken);
                return ev is null ? null : Fetched(ev, () => EventMapper.FromGraph(ev));
            }

            var task = await connection.Mailbox.Todo.Lists[list!].Tasks[id].GetAsync(
                c => c.QueryParameters.Expand = ["linkedResources"], cancellationToken);
            return task is null ? null : Fetched(task, () => TaskMapper.FromGraph(task));
        }
        catch (Exception ex) when (GraphErrors.IsNotFound(ex))
        {
            // Gone since it was listed: left out, as the contract says.
            return null;
        }
        catch (Exception ex)
        {
            throw GraphErrors.Map(ex, "reading an item", id);
        }
    }

    private static async Task<T> WrapAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex)
        {
            throw GraphErrors.Map(ex, "finding the default To Do list");
        }
    }

    public async Task<CreateResult> CreateAsync(TodoKind kind, string identity, CalendarItem item, CancellationToken cancellationToken)
    {
        try
        {
            if (kind == TodoKind.Appointment)
            {
                var found = await connection.Mailbox.Events.GetAsync(
                    c =>
                    {
                        c.QueryParameters.Filter = ExtendedProperties.FilterByValue(GraphTags.IdentityProperty, identity);
                        c.QueryParameters.Select = ["id"];
                        c.QueryParameters.Top = 1;
                    },
                    cancellationToken);
                if (found?.Value?.FirstOrDefault() is { } existing)
                {
                    return new CreateResult(GraphItems.RefOf(existing), Adopted: true);
                }

                var ev = EventMapper.ToGraph(item);
                // The SDK retries a throttled POST; the transaction id lets Exchange drop the duplicate.
                ev.TransactionId = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
                ev.SingleValueExtendedProperties!.Add(new SingleValueLegacyExtendedProperty { Id = GraphTags.IdentityProperty, Value = identity });
                var created = await connection.Mailbox.Events.PostAsync(ev, cancellationToken: cancellationToken);
                return new CreateResult(GraphItems.RefOf(created!), Adopted: false);
            }

            var byIdentity = await TasksByIdentityAsync(cancellationToken);
            if (byIdentity.TryGetValue(identity, out var known))
            {
                return new CreateResult(known, Adopted: true);
            }

            var task = TaskMapper.ToGraph(item);
            task.LinkedResources = TaskMapper.LinkedResources(identity, item.SourceTag);
            var list = await DefaultListIdAsync(cancellationToken);
            var made = await connection.Mailbox.Todo.Lists[list].Tasks.PostAsync(task, cancellationToken: cancellationToken);
            var reference = GraphItems.RefOf(made!);
            byIdentity[identity] = reference;
            return new CreateResult(reference, Adopted: false);
        }
        catch (Exception ex)
        {
            throw GraphErrors.Map(ex, "creating an item", null, isWrite: true);
        }
    }

    public async Task<ExternalItemRef> UpdateAsync(TodoKind kind, ExternalItemRef item, CalendarItem content, CancellationToken cancellationToken)
    {
        try
        {
            Entity? updated;
            if (kind == TodoKind.Appointment)
            {
                await EnsureNoMeetingMailAsync(item, "updated", cancellationToken);
                updated = await connection.Mailbox.Events[item.Id].PatchAsync(
                    EventMapper.ToGraph(content), c => c.Headers.Add("If-Match", item.Version.Value), cancellationToken);
            }
            else
            {
                var list = await DefaultListIdAsync(cancellationToken);
                updated = await connection.Mailbox.Todo.Lists[list].Tasks[item.Id].PatchAsync(
                    TaskMapper.ToGraph(content), c => c.Headers.Add("If-Match", item.Version.Value), cancellationToken);
            }

            return updated is null ? item : GraphItems.RefOf(updated);
        }
        catch (Exception ex)
        {
            throw GraphErrors.Map(ex, "updating an item", item.Id, isWrite: true);
        }
    }

    public async Task DeleteAsync(TodoKind kind, ExternalItemRef item, CancellationToken cancellationToken)
    {
        try
        {
            if (kind == TodoKind.Appointment)
            {
                await EnsureNoMeetingMailAsync(item, "deleted", cancellationToken);
                await connection.Mailbox.Events[item.Id].DeleteAsync(c => c.Headers.Add("If-Match", item.Version.Value), cancellationToken);
            }
            else
            {
                var list = await DefaultListIdAsync(cancellationToken);
                await connection.Mailbox.Todo.Lists[list].Tasks[item.Id].DeleteAsync(c => c.Headers.Add("If-Match", item.Version.Value), cancellationToken);
            }
        }
        catch (Exception ex)
        {
            throw GraphErrors.Map(ex, "deleting an item", item.Id);
        }
    }

    public ValueTask DisposeAsync()
    {
        connection.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The window a calendar delta round is started for: the host's window widened to whole months (one before,
    /// two after), so a window that moves a little each run keeps using the same delta link.
    /// </summary>
    internal static (DateTimeOffset Start, DateTimeOffset End) Baseline(DateRange window)
    {
        var start = window.Start.ToUniversalTime();
        var end = window.End.ToUniversalTime();
        var from = new DateTimeOffset(start.Year, start.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1);
        var to = new DateTimeOffset(end.Year, end.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(2);
        return (from, to);
    }

    private async Task<ChangeSet> RoundAsync(TodoKind kind, GraphCursor cursor, string? deltaLink, CancellationToken cancellationToken)
    {
        var full = deltaLink is null;
        var changed = new Dictionary<string, ExternalItemRef>(StringComparer.Ordinal);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var page = await FirstPageAsync(kind, cursor, deltaLink, cancellationToken);
        while (true)
        {
            foreach (var entity in page.Items)
            {
                if (entity.Id is null)
                {
                    continue;
                }

                if (GraphItems.IsRemoved(entity))
                {
                    changed.Remove(entity.Id);
                    removed.Add(entity.Id);
                }
                else
                {
                    removed.Remove(entity.Id);
                    changed[entity.Id] = GraphItems.RefOf(entity);
                }
            }

            if (page.NextLink is { } next)
            {
                page = await NextPageAsync(kind, next, cancellationToken);
                continue;
            }

            var link = page.DeltaLink ?? throw new Abstractions.Errors.TransientTargetException("Graph ended a delta round without a delta link.");
            var deleted = new List<string>();
            if (full)
            {
                removed.Clear();
            }
            else if (kind == TodoKind.Appointment)
            {
                // calendarView delta also reports events that only left the window as removed; only those that
                // are really gone are deletions (D-2: leaving the window is not a deletion).
                foreach (var id in removed)
                {
                    var still = await TryGetEventAsync(id, cancellationToken);
                    if (still is null)
                    {
                        deleted.Add(id);
                    }
                    else
                    {
                        changed[id] = GraphItems.RefOf(still);
                    }
                }
            }
            else
            {
                deleted.AddRange(removed);
            }

            return new ChangeSet([.. changed.Values], deleted, new SyncCursor((cursor with { DeltaLink = link }).Serialize()), full);
        }
    }

    /// <summary>
    /// Refuses to touch a meeting (an event someone gave attendees in Outlook): Exchange would mail the attendees an
    /// update or a cancellation, and a run must never do that (SPEC R-COND-4). Also catches a stale version early.
    /// </summary>
    private async Task EnsureNoMeetingMailAsync(ExternalItemRef item, string action, CancellationToken cancellationToken)
    {
        var current = await connection.Mailbox.Events[item.Id].GetAsync(c => c.QueryParameters.Select = ["id", "attendees"], cancellationToken);
        if (current is null)
        {
            throw new Abstractions.Errors.ItemNotFoundException(item.Id);
        }

        if (GraphItems.VersionOf(current) != item.Version)
        {
            throw new Abstractions.Errors.VersionConflictException(item.Id);
        }

        if (current.Attendees is { Count: > 0 })
        {
            throw new Abstractions.Errors.ItemRejectedException(
                $"The event '{item.Id}' has attendees; it is not {action}, because Exchange would send the attendees a meeting message (SPEC R-COND-4).");
        }
    }

    private async Task<Event?> TryGetEventAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.Mailbox.Events[id].GetAsync(c => c.QueryParameters.Select = ["id"], cancellationToken);
        }
        catch (Exception ex) when (GraphErrors.IsNotFound(ex))
        {
            return null;
        }
    }

    private async Task<DeltaPage> FirstPageAsync(TodoKind kind, GraphCursor cursor, string? deltaLink, CancellationToken cancellationToken)
    {
        if (deltaLink is not null)
        {
            return await NextPageAsync(kind, deltaLink, cancellationToken);
        }

        var prefer = PagePreference();
        if (kind == TodoKind.Appointment)
        {
            var response = await connection.Mailbox.CalendarView.Delta.GetAsDeltaGetResponseAsync(
                c =>
                {
                    c.QueryParameters.StartDateTime = cursor.WindowStart!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    c.QueryParameters.EndDateTime = cursor.WindowEnd!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                    c.Headers.Add("Prefer", prefer);
                },
                cancellationToken);
            return new DeltaPage([.. response?.Value ?? []], response?.OdataNextLink, response?.OdataDeltaLink);
        }

        var list = await DefaultListIdAsync(cancellationToken);
        var tasks = await connection.Mailbox.Todo.Lists[list].Tasks.Delta.GetAsDeltaGetResponseAsync(c => c.Headers.Add("Prefer", prefer), cancellationToken);
        return new DeltaPage([.. tasks?.Value ?? []], tasks?.OdataNextLink, tasks?.OdataDeltaLink);
    }

    private async Task<DeltaPage> NextPageAsync(TodoKind kind, string link, CancellationToken cancellationToken)
    {
        var prefer = PagePreference();
        if (kind == TodoKind.Appointment)
        {
            var response = await connection.Mailbox.CalendarView.Delta.WithUrl(link).GetAsDeltaGetResponseAsync(c => c.Headers.Add("Prefer", prefer), cancellationToken);
            return new DeltaPage([.. response?.Value ?? []], response?.OdataNextLink, response?.OdataDeltaLink);
        }

        var list = await DefaultListIdAsync(cancellationToken);
        var tasks = await connection.Mailbox.Todo.Lists[list].Tasks.Delta.WithUrl(link).GetAsDeltaGetResponseAsync(c => c.Headers.Add("Prefer", prefer), cancellationToken);
        return new DeltaPage([.. tasks?.Value ?? []], tasks?.OdataNextLink, tasks?.OdataDeltaLink);
    }

    private string PagePreference() => "odata.maxpagesize=" + connection.Account.PageSize.ToString(CultureInfo.InvariantCulture);

    private async Task<string> DefaultListIdAsync(CancellationToken cancellationToken)
    {
        if (_defaultListId is not null)
        {
            return _defaultListId;
        }

        var lists = await connection.Mailbox.Todo.Lists.GetAsync(cancellationToken: cancellationToken);
        _defaultListId = lists?.Value?.FirstOrDefault(l => l.WellknownListName == WellknownListName.DefaultList)?.Id
            ?? throw new Abstractions.Errors.TargetConfigurationException($"The mailbox '{connection.Account.Mailbox}' has no default To Do list.");
        return _defaultListId;
    }

    /// <summary>Our tasks by identity (linked resource external id), read once per target: To Do cannot filter on it.</summary>
    private async Task<Dictionary<string, ExternalItemRef>> TasksByIdentityAsync(CancellationToken cancellationToken)
    {
        if (_tasksByIdentity is not null)
        {
            return _tasksByIdentity;
        }

        var map = new Dictionary<string, ExternalItemRef>(StringComparer.Ordinal);
        var list = await DefaultListIdAsync(cancellationToken);
        var builder = connection.Mailbox.Todo.Lists[list].Tasks;
        var page = await builder.GetAsync(
            c =>
            {
                c.QueryParameters.Expand = ["linkedResources"];
                c.QueryParameters.Top = 100;
            },
            cancellationToken);
        while (page is not null)
        {
            foreach (var task in page.Value ?? [])
            {
                var tag = task.LinkedResources?.FirstOrDefault(l => l.ApplicationName == GraphTags.LinkedResourceApplication)?.ExternalId;
                if (tag is not null && task.Id is not null)
                {
                    map.TryAdd(tag, GraphItems.RefOf(task));
                }
            }

            page = page.OdataNextLink is { } next ? await builder.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }

        _tasksByIdentity = map;
        return map;
    }

    private static FetchedItem Fetched(Entity entity, Func<CalendarItem> map)
    {
        try
        {
            return new FetchedItem(GraphItems.RefOf(entity), map());
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return new FetchedItem(GraphItems.RefOf(entity), null, $"The item cannot be read: {ex.Message}");
        }
    }
}
