using System.Globalization;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;

namespace ProadSync.TestKit;

/// <summary>
/// An address book in memory with real behaviour: versions change on every write, updates are guarded by the
/// version, creates adopt an existing contact with the same identity, contacts can be edited or deleted "in
/// another program", and the address book has a version (like a CardDAV ctag) that every change raises. Thread-safe.
/// </summary>
public sealed class InMemoryContactTarget : IContactTarget
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredContact> _items = new(StringComparer.Ordinal);
    private long _versionCounter;
    private long _idCounter;
    private long _bookVersion;

    /// <summary>Faults to inject into the calls the host makes.</summary>
    public FaultInjector Faults { get; } = new();

    /// <summary>Whether <see cref="GetVersionAsync"/> tells the address book's version (a CardDAV server with a ctag) or <see langword="null"/> (a target that cannot tell).</summary>
    public bool ReportsVersion { get; set; } = true;

    /// <summary>A snapshot of the contacts, by id.</summary>
    /// <returns>The contacts.</returns>
    public IReadOnlyList<StoredContact> Items()
    {
        lock (_gate)
        {
            return [.. _items.Values.OrderBy(i => i.Id, StringComparer.Ordinal)];
        }
    }

    /// <inheritdoc />
    public Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectionTestReport([new ConnectionTestStep("memory", TestOutcome.Passed, "The in-memory address book is always reachable.")]));

    /// <inheritdoc />
    public Task<IReadOnlyList<ExternalItemRef>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var after = Faults.Enter(TargetOperation.List);
        IReadOnlyList<ExternalItemRef> result;
        lock (_gate)
        {
            result = [.. _items.Values.OrderBy(i => i.Id, StringComparer.Ordinal).Select(i => new ExternalItemRef(i.Id, i.Version))];
        }

        return after is null ? Task.FromResult(result) : throw after;
    }

    /// <inheritdoc />
    public Task<string?> GetVersionAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var after = Faults.Enter(TargetOperation.GetVersion);
        string? result;
        lock (_gate)
        {
            result = ReportsVersion ? string.Create(CultureInfo.InvariantCulture, $"book-{_bookVersion}") : null;
        }

        return after is null ? Task.FromResult(result) : throw after;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FetchedContact>> GetAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(ids);
        var after = Faults.Enter(TargetOperation.Get);
        IReadOnlyList<FetchedContact> result;
        lock (_gate)
        {
            result = [.. ids.Where(_items.ContainsKey).Select(id => new FetchedContact(new ExternalItemRef(id, _items[id].Version), _items[id].Data))];
        }

        return after is null ? Task.FromResult(result) : throw after;
    }

    /// <inheritdoc />
    public Task<CreateResult> CreateAsync(string identity, ContactData contact, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentException.ThrowIfNullOrEmpty(identity);
        ArgumentNullException.ThrowIfNull(contact);
        var after = Faults.Enter(TargetOperation.Create);
        CreateResult result;
        lock (_gate)
        {
            var existing = _items.Values.FirstOrDefault(i => string.Equals(i.Identity, identity, StringComparison.Ordinal));
            if (existing is not null)
            {
                result = new CreateResult(new ExternalItemRef(existing.Id, existing.Version), Adopted: true);
            }
            else
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"con-{++_idCounter}");
                var stored = new StoredContact(id, identity, contact, NewVersion());
                _items[id] = stored;
                _bookVersion++;
                result = new CreateResult(new ExternalItemRef(id, stored.Version), Adopted: false);
            }
        }

        return after is null ? Task.FromResult(result) : throw after;
    }

    /// <inheritdoc />
    public Task<ExternalItemRef> UpdateAsync(ExternalItemRef item, ContactData contact, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(contact);
        var after = Faults.Enter(TargetOperation.Update);
        ExternalItemRef result;
        lock (_gate)
        {
            if (!_items.TryGetValue(item.Id, out var stored))
            {
                throw new ItemNotFoundException(item.Id);
            }

            if (!string.Equals(stored.Version.Value, item.Version.Value, StringComparison.Ordinal))
            {
                throw new VersionConflictException(item.Id);
            }

            var updated = stored with { Data = contact, Version = NewVersion() };
            _items[item.Id] = updated;
            _bookVersion++;
            result = new ExternalItemRef(item.Id, updated.Version);
        }

        return after is null ? Task.FromResult(result) : throw after;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Changes a contact as a user of another program would.</summary>
    /// <param name="id">The contact.</param>
    /// <param name="edit">The change.</param>
    public void EditExternally(string id, Func<ContactData, ContactData> edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        lock (_gate)
        {
            if (!_items.TryGetValue(id, out var stored))
            {
                throw new ItemNotFoundException(id);
            }

            _items[id] = stored with { Data = edit(stored.Data), Version = NewVersion() };
            _bookVersion++;
        }
    }

    /// <summary>Deletes a contact as a user of another program would.</summary>
    /// <param name="id">The contact.</param>
    public void DeleteExternally(string id)
    {
        lock (_gate)
        {
            if (_items.Remove(id))
            {
                _bookVersion++;
            }
        }
    }

    private ItemVersion NewVersion() => new(string.Create(CultureInfo.InvariantCulture, $"k{++_versionCounter}"));
}
