namespace ProadSync.Hosting.Licensing;

/// <summary>The licence and the switches as read at one moment; immutable, so the scheduler and the loader can ask without I/O.</summary>
internal sealed class LicensingSnapshot
{
    public LicensingSnapshot(LicenceStatus status, IReadOnlyDictionary<string, IReadOnlySet<string>> enabled)
    {
        Status = status;
        Enabled = enabled;
    }

    public LicenceStatus Status { get; }

    /// <summary>Database (lower case) → enabled interfaces (lower case).</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Enabled { get; }

    public Licence? ValidLicence => Status.Valid ? Status.Licence : null;

    public bool IsLicensed(string database, string interfaceName) => ValidLicence?.Covers(database, interfaceName) == true;

    public bool IsEnabled(string database, string interfaceName) =>
        Enabled.TryGetValue(database.ToLowerInvariant(), out var set) && set.Contains(interfaceName.ToLowerInvariant());

    public bool IsUsable(string database, string? interfaceName) =>
        string.IsNullOrWhiteSpace(interfaceName) || (IsLicensed(database, interfaceName) && IsEnabled(database, interfaceName));
}
