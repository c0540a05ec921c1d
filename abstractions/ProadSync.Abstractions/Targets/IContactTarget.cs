using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;

namespace ProadSync.Abstractions.Targets;

/// <summary>
/// A user's personal address book that contacts are exported to (SPEC section 8). Export is one way: the host never
/// reads external edits back, it only needs to know which exported contacts were deleted externally.
/// </summary>
public interface IContactTarget : ITarget
{
    /// <summary>Lists the ids and versions of every contact in the address book; an exported contact that is absent was deleted externally (SPEC R-CON-5).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>All contacts' ids and versions.</returns>
    /// <exception cref="TransientTargetException">The server is unreachable or busy.</exception>
    /// <exception cref="TargetAuthenticationException">The credentials were refused.</exception>
    /// <exception cref="TargetConfigurationException">The address book cannot be found or used.</exception>
    Task<IReadOnlyList<ExternalItemRef>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A value that changes whenever a contact in the address book is added, changed or removed (a CardDAV ctag or
    /// sync-token), read with one cheap request. When it and the leading store are unchanged since the last run that
    /// succeeded, the host skips the listing of the address book (the no-change fast path).
    /// Contract 1.2; the default, <see langword="null"/>, means "cannot tell": the host lists the address book every run.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The address book's version, or <see langword="null"/>.</returns>
    /// <exception cref="TransientTargetException">The server is unreachable or busy.</exception>
    /// <exception cref="TargetAuthenticationException">The credentials were refused.</exception>
    /// <exception cref="TargetConfigurationException">The address book cannot be found or used.</exception>
    Task<string?> GetVersionAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>Reads contacts (for tests, tools and adoption checks).</summary>
    /// <param name="ids">The ids to read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One entry per id that still exists.</returns>
    /// <exception cref="TransientTargetException">The server is unreachable or busy.</exception>
    Task<IReadOnlyList<FetchedContact>> GetAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>Creates a contact with a stable identity, or returns the existing one with that identity (<see cref="CreateResult.Adopted"/>).</summary>
    /// <param name="identity">The stable identity (vCard UID, extended-property value).</param>
    /// <param name="contact">The fields to write.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The contact's id and version.</returns>
    /// <exception cref="ItemRejectedException">The server refused the content.</exception>
    /// <exception cref="TransientTargetException">The server is unreachable or busy.</exception>
    Task<CreateResult> CreateAsync(string identity, ContactData contact, CancellationToken cancellationToken);

    /// <summary>Replaces a contact's fields if its version is still the one given.</summary>
    /// <param name="item">The contact and the version the host last saw.</param>
    /// <param name="contact">The fields to write.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The contact's id and new version.</returns>
    /// <exception cref="VersionConflictException">The contact changed since the host read it.</exception>
    /// <exception cref="ItemNotFoundException">The contact was deleted externally.</exception>
    /// <exception cref="TransientTargetException">The server is unreachable or busy.</exception>
    Task<ExternalItemRef> UpdateAsync(ExternalItemRef item, ContactData contact, CancellationToken cancellationToken);
}
