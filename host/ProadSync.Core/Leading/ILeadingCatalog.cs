namespace ProadSync.Core.Leading;

/// <summary>The host's catalog of leading-system databases, and the way to open one.</summary>
public interface ILeadingCatalog
{
    /// <summary>Registers a database and creates its store when it is new.</summary>
    /// <param name="name">The name (letters, digits, '-', '_'; unique, case-insensitive).</param>
    /// <param name="connectionString">How to reach it, or <see langword="null"/> for a new SQLite file under the home folder.</param>
    /// <param name="timeZoneId">The IANA time zone, or <see langword="null"/> for the host's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The catalog entry.</returns>
    /// <exception cref="LeadingValidationException">The name is taken or invalid, or the store cannot be created.</exception>
    Task<DatabaseInfo> AddDatabaseAsync(string name, string? connectionString, string? timeZoneId, CancellationToken cancellationToken);

    /// <summary>Lists the registered databases.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The databases, by name.</returns>
    Task<IReadOnlyList<DatabaseInfo>> ListDatabasesAsync(CancellationToken cancellationToken);

    /// <summary>Finds a database by name.</summary>
    /// <param name="name">The name (case-insensitive).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entry, or <see langword="null"/>.</returns>
    Task<DatabaseInfo?> FindDatabaseAsync(string name, CancellationToken cancellationToken);

    /// <summary>Opens a database's store (migrating its schema when needed).</summary>
    /// <param name="name">The name (case-insensitive).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The store; the caller disposes it.</returns>
    /// <exception cref="LeadingValidationException">No such database.</exception>
    Task<ILeadingSystem> OpenAsync(string name, CancellationToken cancellationToken);

    /// <summary>Reads a host-wide setting (licence, enabled interfaces, …).</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken);

    /// <summary>Stores (or, with <see langword="null"/>, removes) a host-wide setting.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when saved.</returns>
    Task SetSettingAsync(string key, string? value, CancellationToken cancellationToken);
}
