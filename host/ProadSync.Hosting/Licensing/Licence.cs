namespace ProadSync.Hosting.Licensing;

/// <summary>The content of a signed licence: who may use which interfaces for which databases until when.</summary>
/// <param name="LicenceId">The vendor's id of the licence.</param>
/// <param name="Licensee">The customer the licence is issued to.</param>
/// <param name="Databases">The databases it covers, by name (case-insensitive); <c>*</c> covers every database.</param>
/// <param name="Interfaces">The interfaces (licence features) it covers, such as <c>caldav</c> and <c>exchange</c>.</param>
/// <param name="Tier">The licence tier; the module needs <see cref="LicenceVerifier.RequiredTier"/> (SPEC R-SM-3).</param>
/// <param name="IssuedAt">When the vendor issued it.</param>
/// <param name="Expires">The last day (UTC) on which it is valid.</param>
public sealed record Licence(
    string LicenceId,
    string Licensee,
    IReadOnlyList<string> Databases,
    IReadOnlyList<string> Interfaces,
    string Tier,
    DateTimeOffset IssuedAt,
    DateOnly Expires)
{
    /// <summary>The database wildcard.</summary>
    public const string AllDatabases = "*";

    /// <summary>The first instant at which the licence is no longer valid (the day after <see cref="Expires"/>, 00:00 UTC).</summary>
    public DateTimeOffset ExpiresAt => new(Expires.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Whether the licence names the database (or <c>*</c>).</summary>
    /// <param name="database">The database name.</param>
    /// <returns><see langword="true"/> when covered.</returns>
    public bool CoversDatabase(string database) =>
        Databases.Any(d => d == AllDatabases || string.Equals(d, database, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the licence names the interface.</summary>
    /// <param name="interfaceName">The interface, such as <c>caldav</c>.</param>
    /// <returns><see langword="true"/> when covered.</returns>
    public bool CoversInterface(string interfaceName) =>
        Interfaces.Any(i => string.Equals(i, interfaceName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the licence covers the interface for the database (SPEC R-SM-2).</summary>
    /// <param name="database">The database name.</param>
    /// <param name="interfaceName">The interface.</param>
    /// <returns><see langword="true"/> when covered.</returns>
    public bool Covers(string database, string interfaceName) => CoversDatabase(database) && CoversInterface(interfaceName);
}
