using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;

namespace Partner.Plugin;

/// <summary>
/// The calendar target: a thin adapter between the host's neutral <see cref="CalendarItem"/> and the server. The host
/// owns modes, conflicts, windows and retries; the target only reads and writes, and lets exceptions propagate, typed:
/// <see cref="TransientTargetException"/>, <see cref="TargetAuthenticationException"/>,
/// <see cref="VersionConflictException"/>, <see cref="ItemNotFoundException"/>, <see cref="TargetConfigurationException"/>.
/// </summary>
/// <remarks>This sample keeps the items in memory (<see cref="SampleServer{T}"/>); replace those calls with your protocol.</remarks>
internal sealed class SampleCalendarTarget(TargetSettings settings) : ICalendarTarget
{
    private readonly SampleServer<CalendarItem> _server = SampleServer<CalendarItem>.For(settings.Url);

    /// <summary>What the server can do: tasks, no change cursor (every listing is full), one write at a time.</summary>
    public TargetCapabilities Capabilities { get; } = new() { SupportsTasks = true, SupportsChangeCursor = false, MaxParallelWrites = 1 };

    public Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectionTestReport(
        [
            new ConnectionTestStep("server", TestOutcome.Passed, $"The sample server {settings.Url} is reachable."),
            new ConnectionTestStep("login", TestOutcome.Passed, $"Logged in as {settings.UserName ?? "(anonymous)"}."),
        ]));

    public Task<ChangeSet> GetChangesAsync(TodoKind kind, SyncCursor? cursor, DateRange window, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var items = _server.List(kind.ToString()).Select(i => new ExternalItemRef(i.Id, new ItemVersion(i.Version))).ToList();
        return Task.FromResult(new ChangeSet(items, [], NextCursor: null, IsFullListing: true));
    }

    public Task<IReadOnlyList<FetchedItem>> GetAsync(TodoKind kind, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        var result = new List<FetchedItem>();
        foreach (var id in ids)
        {
            if (_server.Get(kind.ToString(), id) is { } found)
            {
                result.Add(new FetchedItem(new ExternalItemRef(id, new ItemVersion(found.Version)), found.Content));
            }
        }

        return Task.FromResult<IReadOnlyList<FetchedItem>>(result);
    }

    public Task<CreateResult> CreateAsync(TodoKind kind, string identity, CalendarItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        cancellationToken.ThrowIfCancellationRequested();
        var (id, version, adopted) = _server.Create(kind.ToString(), identity, Stored(kind, item));
        return Task.FromResult(new CreateResult(new ExternalItemRef(id, new ItemVersion(version)), adopted));
    }

    public Task<ExternalItemRef> UpdateAsync(TodoKind kind, ExternalItemRef item, CalendarItem content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(content);
        cancellationToken.ThrowIfCancellationRequested();
        var (found, version) = _server.Update(kind.ToString(), item.Id, item.Version.Value, Stored(kind, content));
        return !found ? throw new ItemNotFoundException(item.Id)
            : version is null ? throw new VersionConflictException(item.Id)
            : Task.FromResult(new ExternalItemRef(item.Id, new ItemVersion(version)));
    }

    public Task DeleteAsync(TodoKind kind, ExternalItemRef item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        cancellationToken.ThrowIfCancellationRequested();
        var (found, deleted) = _server.Delete(kind.ToString(), item.Id, item.Version.Value);
        return !found ? throw new ItemNotFoundException(item.Id)
            : !deleted ? throw new VersionConflictException(item.Id)
            : Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// What the server keeps: never an empty subject (SPEC R-COND-2), and reminders are written but never read back
    /// (SPEC R-NOTE-3) — this sample simply does not keep them.
    /// </summary>
    private static CalendarItem Stored(TodoKind kind, CalendarItem item) => item with
    {
        Kind = kind,
        Subject = string.IsNullOrWhiteSpace(item.Subject) ? "." : item.Subject,
        Reminder = null,
    };
}
