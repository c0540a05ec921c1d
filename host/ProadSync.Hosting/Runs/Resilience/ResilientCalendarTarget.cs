using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;

namespace ProadSync.Hosting.Runs.Resilience;

/// <summary>A calendar target whose calls are retried by <see cref="TargetRetryPolicy"/>; the connection test is not (it reports, it does not act).</summary>
internal sealed class ResilientCalendarTarget(ICalendarTarget inner, TargetRetryPolicy policy) : ICalendarTarget
{
    public ICalendarTarget Inner => inner;

    public TargetCapabilities Capabilities => inner.Capabilities;

    public Task<ChangeSet> GetChangesAsync(TodoKind kind, SyncCursor? cursor, DateRange window, CancellationToken cancellationToken) =>
        policy.ExecuteAsync(ct => inner.GetChangesAsync(kind, cursor, window, ct), cancellationToken);

    public Task<IReadOnlyList<FetchedItem>> GetAsync(TodoKind kind, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        policy.ExecuteAsync(ct => inner.GetAsync(kind, ids, ct), cancellationToken);

    public Task<CreateResult> CreateAsync(TodoKind kind, string identity, CalendarItem item, CancellationToken cancellationToken) =>
        policy.ExecuteAsync(ct => inner.CreateAsync(kind, identity, item, ct), cancellationToken);

    public Task<ExternalItemRef> UpdateAsync(TodoKind kind, ExternalItemRef item, CalendarItem content, CancellationToken cancellationToken) =>
        policy.ExecuteAsync(ct => inner.UpdateAsync(kind, item, content, ct), cancellationToken);

    public Task DeleteAsync(TodoKind kind, ExternalItemRef item, CancellationToken cancellationToken) =>
        policy.ExecuteAsync(ct => inner.DeleteAsync(kind, item, ct), cancellationToken);

    public Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken) => inner.TestConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
