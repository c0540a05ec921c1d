using System.Globalization;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;

namespace ProadSync.TestPlugins.Good;

/// <summary>A calendar target whose connection test reports the time the host's clock gave it.</summary>
public sealed class GoodCalendarTarget(TimeProvider timeProvider) : ICalendarTarget
{
    /// <inheritdoc />
    public TargetCapabilities Capabilities { get; } = new() { MaxParallelWrites = 3 };

    /// <inheritdoc />
    public Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectionTestReport(
        [
            new ConnectionTestStep("clock", TestOutcome.Passed, timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)),
        ]));

    /// <inheritdoc />
    public Task<ChangeSet> GetChangesAsync(TodoKind kind, SyncCursor? cursor, DateRange window, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The test target stores nothing.");

    /// <inheritdoc />
    public Task<IReadOnlyList<FetchedItem>> GetAsync(TodoKind kind, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The test target stores nothing.");

    /// <inheritdoc />
    public Task<CreateResult> CreateAsync(TodoKind kind, string identity, CalendarItem item, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The test target stores nothing.");

    /// <inheritdoc />
    public Task<ExternalItemRef> UpdateAsync(TodoKind kind, ExternalItemRef item, CalendarItem content, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The test target stores nothing.");

    /// <inheritdoc />
    public Task DeleteAsync(TodoKind kind, ExternalItemRef item, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The test target stores nothing.");

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
