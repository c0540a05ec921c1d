using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;

namespace ProadSync.Abstractions.Targets;

/// <summary>
/// An external calendar holding one user's appointments and tasks (a CalDAV collection pair, an Exchange mailbox,
/// a vdir folder).
/// </summary>
/// <remarks>
/// <para>The host drives a run as: <see cref="GetChangesAsync"/> per kind, <see cref="GetAsync"/> for the items whose
/// version it does not know, then creates, updates and deletes. Updates and deletes are guarded by the version the
/// host last saw; a target never overwrites an item blindly.</para>
/// <para>Failures are reported with the exceptions of <c>ProadSync.Abstractions.Errors</c>:
/// <see cref="TransientTargetException"/> (retry later), <see cref="TargetAuthenticationException"/> (credentials
/// refused), <see cref="VersionConflictException"/> (the item changed since the host read it),
/// <see cref="ItemNotFoundException"/> (the item is gone), <see cref="ItemRejectedException"/> (the server refused
/// this one item) and <see cref="TargetConfigurationException"/> (the account or server cannot work this way).</para>
/// </remarks>
public interface ICalendarTarget : ITarget
{
    /// <summary>What this target can do.</summary>
    TargetCapabilities Capabilities { get; }

    /// <summary>
    /// Reports the items created, changed or deleted since <paramref name="cursor"/>, or lists every item when
    /// <paramref name="cursor"/> is <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// When the target cannot continue from the cursor (an invalid or expired sync token), it returns a full listing
    /// (<see cref="ChangeSet.IsFullListing"/>) instead of failing. <paramref name="window"/> is a hint: targets whose
    /// protocol needs a range (Graph calendar view) use it; others may ignore it. Tasks must never be filtered by a
    /// server-side time range (servers skip undated and recurring tasks); the host applies the window itself.
    /// </remarks>
    /// <param name="kind">Appointments or tasks.</param>
    /// <param name="cursor">The cursor from the last run, or <see langword="null"/> for a full listing.</param>
    /// <param name="window">The time range the host is interested in.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changes, with the cursor to store.</returns>
    /// <exception cref="TransientTargetException">The server is unreachable or busy.</exception>
    /// <exception cref="TargetAuthenticationException">The credentials were refused.</exception>
    /// <exception cref="TargetConfigurationException">The collection cannot be found or used.</exception>
    Task<ChangeSet> GetChangesAsync(TodoKind kind, SyncCursor? cursor, DateRange window, CancellationToken cancellationToken);

    /// <summary>Reads the content of items (in batches where the protocol allows).</summary>
    /// <param name="kind">Appointments or tasks.</param>
    /// <param name="ids">The ids to read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// One entry per id that still exists (ids that vanished are left out); an item that cannot be parsed is
    /// returned with <see cref="FetchedItem.Problem"/> set.
    /// </returns>
    /// <exception cref="TransientTargetException">The server is unreachable or busy.</exception>
    /// <exception cref="TargetAuthenticationException">The credentials were refused.</exception>
    Task<IReadOnlyList<FetchedItem>> GetAsync(TodoKind kind, IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>
    /// Creates an item with a stable identity chosen by the host (derived from the database and the to-do id), or —
    /// when an item with that identity already exists — returns it unchanged with <see cref="CreateResult.Adopted"/>
    /// set, so an interrupted run never leaves a duplicate.
    /// </summary>
    /// <param name="kind">Appointment or task.</param>
    /// <param name="identity">The stable identity (iCalendar UID, extended-property value).</param>
    /// <param name="item">The content to write.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The item's id and version.</returns>
    /// <exception cref="ItemRejectedException">The server refused the content.</exception>
    /// <exception cref="TransientTargetException">The server is unreachable or busy.</exception>
    /// <exception cref="TargetAuthenticationException">The credentials were refused.</exception>
    Task<CreateResult> CreateAsync(TodoKind kind, string identity, CalendarItem item, CancellationToken cancellationToken);

    /// <summary>Replaces an item's content if its version is still <see cref="ExternalItemRef.Version"/>.</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <param name="item">The item and the version the host last saw.</param>
    /// <param name="content">The content to write.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The item's id and new version.</returns>
    /// <exception cref="VersionConflictException">The item changed since the host read it (412, stale ChangeKey).</exception>
    /// <exception cref="ItemNotFoundException">The item no longer exists.</exception>
    /// <exception cref="ItemRejectedException">The server refused the content.</exception>
    /// <exception cref="TransientTargetException">The server is unreachable or busy.</exception>
    Task<ExternalItemRef> UpdateAsync(TodoKind kind, ExternalItemRef item, CalendarItem content, CancellationToken cancellationToken);

    /// <summary>Deletes an item if its version is still <see cref="ExternalItemRef.Version"/>; never sends cancellations.</summary>
    /// <param name="kind">Appointment or task.</param>
    /// <param name="item">The item and the version the host last saw.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the item is gone.</returns>
    /// <exception cref="VersionConflictException">The item changed since the host read it.</exception>
    /// <exception cref="ItemNotFoundException">The item no longer exists (the host treats this as done).</exception>
    /// <exception cref="TransientTargetException">The server is unreachable or busy.</exception>
    Task DeleteAsync(TodoKind kind, ExternalItemRef item, CancellationToken cancellationToken);
}
