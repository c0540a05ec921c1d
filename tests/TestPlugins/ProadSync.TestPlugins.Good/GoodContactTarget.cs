using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;

namespace ProadSync.TestPlugins.Good;

/// <summary>An always empty address book.</summary>
public sealed class GoodContactTarget : IContactTarget
{
    /// <inheritdoc />
    public Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectionTestReport([new ConnectionTestStep("reachable", TestOutcome.Passed, "The test address book is always there.")]));

    /// <inheritdoc />
    public Task<IReadOnlyList<ExternalItemRef>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ExternalItemRef>>([]);

    /// <inheritdoc />
    public Task<IReadOnlyList<FetchedContact>> GetAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FetchedContact>>([]);

    /// <inheritdoc />
    public Task<CreateResult> CreateAsync(string identity, ContactData contact, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The test address book stores nothing.");

    /// <inheritdoc />
    public Task<ExternalItemRef> UpdateAsync(ExternalItemRef item, ContactData contact, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The test address book stores nothing.");

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
