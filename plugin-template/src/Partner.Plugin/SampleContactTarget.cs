using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;

namespace Partner.Plugin;

/// <summary>
/// The contact target (export only: the host creates and updates, never deletes). Exceptions propagate, typed
/// (<see cref="TransientTargetException"/>, <see cref="TargetAuthenticationException"/>,
/// <see cref="VersionConflictException"/>, <see cref="ItemNotFoundException"/>).
/// </summary>
/// <remarks>This sample keeps the contacts in memory (<see cref="SampleServer{T}"/>); replace those calls with your protocol.</remarks>
internal sealed class SampleContactTarget(TargetSettings settings) : IContactTarget
{
    private const string Kind = "contact";

    private readonly SampleServer<ContactData> _server = SampleServer<ContactData>.For(settings.Url);

    public Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new ConnectionTestReport([new ConnectionTestStep("address book", TestOutcome.Passed, $"The sample address book {settings.Url} is reachable.")]));

    public Task<IReadOnlyList<ExternalItemRef>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IReadOnlyList<ExternalItemRef>>([.. _server.List(Kind).Select(i => new ExternalItemRef(i.Id, new ItemVersion(i.Version)))]);
    }

    public Task<IReadOnlyList<FetchedContact>> GetAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        cancellationToken.ThrowIfCancellationRequested();
        var result = new List<FetchedContact>();
        foreach (var id in ids)
        {
            if (_server.Get(Kind, id) is { } found)
            {
                result.Add(new FetchedContact(new ExternalItemRef(id, new ItemVersion(found.Version)), found.Content));
            }
        }

        return Task.FromResult<IReadOnlyList<FetchedContact>>(result);
    }

    public Task<CreateResult> CreateAsync(string identity, ContactData contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        cancellationToken.ThrowIfCancellationRequested();
        var (id, version, adopted) = _server.Create(Kind, identity, contact);
        return Task.FromResult(new CreateResult(new ExternalItemRef(id, new ItemVersion(version)), adopted));
    }

    public Task<ExternalItemRef> UpdateAsync(ExternalItemRef item, ContactData contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(contact);
        cancellationToken.ThrowIfCancellationRequested();
        var (found, version) = _server.Update(Kind, item.Id, item.Version.Value, contact);
        return !found ? throw new ItemNotFoundException(item.Id)
            : version is null ? throw new VersionConflictException(item.Id)
            : Task.FromResult(new ExternalItemRef(item.Id, new ItemVersion(version)));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
