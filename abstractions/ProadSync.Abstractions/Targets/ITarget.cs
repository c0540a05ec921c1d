using ProadSync.Abstractions.Models;

namespace ProadSync.Abstractions.Targets;

/// <summary>What every target offers: a connection test and disposal.</summary>
/// <remarks>
/// Targets are thin protocol adapters. They let exceptions propagate, typed by the set in
/// <c>ProadSync.Abstractions.Errors</c>; the host owns retries, error counting and the run's error policy.
/// </remarks>
public interface ITarget : IAsyncDisposable
{
    /// <summary>
    /// Connects and logs in, step by step (reachable, TLS, authenticated, collections found, …) and reports each step
    /// (SPEC R-ACC-2). Never throws for a failed step; the report says what failed.
    /// </summary>
    /// <param name="cancellationToken">Cancels the test.</param>
    /// <returns>The steps that ran.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken);
}
