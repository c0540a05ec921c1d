using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;

namespace ProadSync.Hosting.Runs.Resilience;

/// <summary>A contact target whose calls are retried by <see cref="TargetRetryPolicy"/>.</summary>
internal sealed class ResilientContactTarget(IContactTarget inner, TargetRetryPolicy policy) : IContactTarget
{
    public IContactTarget Inner => inner;

    public Task<IReadOnlyList<ExternalItemRef>> ListAsync(CancellationToken cancellationToken) =>
        policy.ExecuteAsync(inner.ListAsync, cancellationToken);

    public Task<IReadOnlyList<FetchedContact>> GetAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        policy.ExecuteAsync(ct => inner.GetAsync(ids, ct), cancellationToken);

    public Task<CreateResult> CreateAsync(string identity, ContactData contact, CancellationToken cancellationToken) =>
        policy.ExecuteAsync(ct => inner.CreateAsync(identity, contact, ct), cancellationToken);

    public Task<ExternalItemRef> UpdateAsync(ExternalItemRef item, ContactData contact, CancellationToken cancellationToken) =>
        policy.ExecuteAsync(ct => inner.UpdateAsync(item, contact, ct), cancellationToken);

    public Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken) => inner.TestConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
