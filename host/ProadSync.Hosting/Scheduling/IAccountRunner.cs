namespace ProadSync.Hosting.Scheduling;

/// <summary>Runs one synchronisation pass for one account; the scheduler calls it (SPEC R-GEN-4).</summary>
/// <remarks>
/// The scheduler never calls it twice at once for the same account. When <paramref name="cancellationToken"/> is
/// cancelled (the host is stopping), the implementation finishes the item it is working on, persists its state
/// (links, cursors, the run record) and returns; it may throw <see cref="OperationCanceledException"/>. Other
/// exceptions are logged by the scheduler; the implementation records failures on the account itself.
/// </remarks>
public interface IAccountRunner
{
    /// <summary>Runs one pass for the account.</summary>
    /// <param name="database">The database's name.</param>
    /// <param name="accountId">The account's id.</param>
    /// <param name="cancellationToken">Cancelled when the host stops: finish the current item, persist, return.</param>
    /// <returns>A task that completes when the run ended.</returns>
    Task RunAsync(string database, long accountId, CancellationToken cancellationToken);
}
