using System.Text.Json;
using Microsoft.Extensions.Logging;
using ProadSync.Core.Leading;

namespace ProadSync.Hosting.Licensing;

/// <summary>
/// The server manager (SPEC R-SM-1..3): installs and shows the signed licence, lists per database and interface
/// whether it is licensed, switched on and green, and switches interfaces on (only where licensed) and off. The
/// licence and the switches live in the catalog's settings. <see cref="IsUsable"/> and <see cref="IsLicensed"/>
/// answer from the state last read by <see cref="RefreshAsync"/> (every other method refreshes it too).
/// </summary>
public sealed class LicensingService
{
    private readonly ILeadingCatalog _catalog;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly LicensingOptions _options;
    private volatile LicensingSnapshot? _snapshot;

    /// <summary>Creates the service.</summary>
    /// <param name="catalog">The catalog whose settings keep the licence and the switches.</param>
    /// <param name="timeProvider">The clock for expiry.</param>
    /// <param name="logger">The log.</param>
    /// <param name="options">Options, or <see langword="null"/> for the defaults.</param>
    public LicensingService(ILeadingCatalog catalog, TimeProvider timeProvider, ILogger logger, LicensingOptions? options = null)
    {
        _catalog = catalog;
        _timeProvider = timeProvider;
        _logger = logger;
        _options = options ?? new LicensingOptions();
    }

    /// <summary>The id of the development key.</summary>
    public static string DevelopmentKeyId { get; } = LicenceSigner.KeyIdOf(VendorKeys.DevelopmentPublicKeyPem);

    /// <summary>The sentence for a host without a licence: what to do.</summary>
    public static string NoLicenceSentence =>
        "No licence is installed; install the licence file from the vendor with 'proadsync licence install FILE' (for a trial, the development licence tools/licensing/development.licence of the source tree).";

    /// <summary>Verifies a licence file and installs it (replacing the one installed before).</summary>
    /// <param name="licenceText">The file's text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The installed licence.</returns>
    /// <exception cref="LicenceException">The file is refused (malformed, tampered, foreign key, expired, wrong tier); nothing is changed.</exception>
    /// <remarks>
    /// A licence signed with the development key is accepted when <see cref="LicensingOptions.AllowDevelopmentLicence"/>
    /// is on; the development key is then trusted for this home (<see cref="LicensingSettings.TrustedKeys"/>).
    /// </remarks>
    public async Task<Licence> InstallAsync(string licenceText, CancellationToken cancellationToken = default)
    {
        var trusted = await ReadTrustedKeysAsync(cancellationToken);
        var verifier = CreateVerifier(trusted, trustDevelopmentKey: _options.AllowDevelopmentLicence);
        var check = verifier.Check(licenceText);
        if (!check.IsValid)
        {
            throw new LicenceException(check.Problem!);
        }

        var licence = check.Licence!;
        if (string.Equals(check.KeyId, DevelopmentKeyId, StringComparison.OrdinalIgnoreCase))
        {
            if (!trusted.Contains(VendorKeys.DevelopmentPublicKeyPem.Trim()))
            {
                await _catalog.SetSettingAsync(LicensingSettings.TrustedKeys, JsonSerializer.Serialize(trusted.Append(VendorKeys.DevelopmentPublicKeyPem.Trim()).ToArray()), cancellationToken);
            }

            LicensingLog.DevelopmentLicence(_logger);
        }

        await _catalog.SetSettingAsync(LicensingSettings.Licence, licenceText.Trim() + "\n", cancellationToken);
        LicensingLog.Installed(_logger, licence.LicenceId, licence.Licensee, licence.Databases, licence.Interfaces, licence.Expires);
        await RefreshAsync(cancellationToken);
        return licence;
    }

    /// <summary>
    /// Installs the development licence (all databases, interfaces caldav and exchange, tier Verwaltung) and trusts
    /// the development key for this home only. For the demo and the quickstart; not for production.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The installed licence.</returns>
    /// <exception cref="LicenceException">Development licences are switched off (<see cref="LicensingOptions.AllowDevelopmentLicence"/>), or the embedded licence expired.</exception>
    public Task<Licence> InstallDevelopmentLicenceAsync(CancellationToken cancellationToken = default)
    {
        if (!_options.AllowDevelopmentLicence)
        {
            throw new LicenceException("This host does not accept the development licence; install the licence file from the vendor with 'proadsync licence install FILE'.");
        }

        return InstallAsync(VendorKeys.DevelopmentLicence, cancellationToken);
    }

    /// <summary>
    /// Trusts an additional public key for licences of this home (setting <see cref="LicensingSettings.TrustedKeys"/>),
    /// for example a reseller's. The vendor's production key is always trusted.
    /// </summary>
    /// <param name="publicKeyPem">The PEM public key (ECDsa P-256 or RSA).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key's id, as licences signed with it carry it.</returns>
    /// <exception cref="LicenceException">The PEM is not a usable public key; nothing is changed.</exception>
    public async Task<string> AddTrustedKeyAsync(string publicKeyPem, CancellationToken cancellationToken = default)
    {
        if (publicKeyPem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new LicenceException("That is a private key; give the public key (\"-----BEGIN PUBLIC KEY-----\") and keep the private key with the issuer.");
        }

        var keyId = LicenceSigner.KeyIdOf(publicKeyPem);

        var trusted = await ReadTrustedKeysAsync(cancellationToken);
        if (!trusted.Any(pem => SafeKeyId(pem) == keyId))
        {
            trusted.Add(publicKeyPem.Trim());
            await _catalog.SetSettingAsync(LicensingSettings.TrustedKeys, JsonSerializer.Serialize(trusted), cancellationToken);
        }

        await LoadAsync(cancellationToken);
        return keyId;
    }

    /// <summary>Reads the installed licence and whether it is valid now.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status; <see cref="LicenceStatus.Installed"/> is false when there is none.</returns>
    public async Task<LicenceStatus> GetAsync(CancellationToken cancellationToken = default) =>
        (await LoadAsync(cancellationToken)).Status;

    /// <summary>Re-reads the licence and the switches from the catalog (the scheduler calls it on every tick).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when read.</returns>
    public async Task RefreshAsync(CancellationToken cancellationToken = default) => await LoadAsync(cancellationToken);

    /// <summary>Lists every database with the state of each interface (SPEC R-SM-1, R-SM-2).</summary>
    /// <param name="additionalInterfaces">Interfaces to list besides caldav and exchange (for example from plugin manifests).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The databases, by name.</returns>
    public async Task<IReadOnlyList<DatabaseInterfaces>> ListDatabaseInterfacesAsync(IEnumerable<string>? additionalInterfaces = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await LoadAsync(cancellationToken);
        var extra = (additionalInterfaces ?? []).Concat(_options.AdditionalInterfaces).Concat(snapshot.ValidLicence?.Interfaces ?? []);
        var databases = await _catalog.ListDatabasesAsync(cancellationToken);
        var result = new List<DatabaseInterfaces>();
        foreach (var db in databases.OrderBy(d => d.Name, StringComparer.OrdinalIgnoreCase))
        {
            var enabledHere = snapshot.Enabled.TryGetValue(db.Name.ToLowerInvariant(), out var set) ? set : (IReadOnlySet<string>)new HashSet<string>();
            var names = OrderInterfaces(extra.Concat(enabledHere));
            var states = names.Select(i => StateOf(snapshot, i, db.Name)).ToList();
            result.Add(new DatabaseInterfaces(db.Name, db.Provider, db.TimeZoneId, states));
        }

        return result;
    }

    /// <summary>
    /// Switches "Synchronisation/Export" of an interface on or off for a database (SPEC R-SM-1). Switching on needs a
    /// valid licence that covers the interface for that database (R-SM-2); switching off is always allowed.
    /// </summary>
    /// <param name="database">The database's name.</param>
    /// <param name="interfaceName">The interface, such as <c>caldav</c>.</param>
    /// <param name="enabled">On or off.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The resulting state.</returns>
    /// <exception cref="LicenceException">No such database, an invalid interface name, or switching on is not licensed (the sentence says what to do); nothing is changed.</exception>
    public async Task<DatabaseInterfaceState> SetEnabledAsync(string database, string interfaceName, bool enabled, CancellationToken cancellationToken = default)
    {
        var db = await _catalog.FindDatabaseAsync(database, cancellationToken)
            ?? throw new LicenceException($"There is no database '{database}'; 'proadsync databases list' shows the registered ones.");
        var name = NormaliseInterface(interfaceName);
        var snapshot = await LoadAsync(cancellationToken);
        if (enabled && !snapshot.IsLicensed(db.Name, name))
        {
            throw new LicenceException(NotLicensedSentence(snapshot.Status, db.Name, name));
        }

        var map = snapshot.Enabled.ToDictionary(p => p.Key, p => new SortedSet<string>(p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        var key = db.Name.ToLowerInvariant();
        if (!map.TryGetValue(key, out var set))
        {
            set = new SortedSet<string>(StringComparer.Ordinal);
            map[key] = set;
        }

        var changed = enabled ? set.Add(name) : set.Remove(name);
        if (set.Count == 0)
        {
            map.Remove(key);
        }

        if (changed)
        {
            await _catalog.SetSettingAsync(LicensingSettings.EnabledInterfaces, map.Count == 0 ? null : JsonSerializer.Serialize(map), cancellationToken);
            LicensingLog.Switched(_logger, db.Name, name, enabled ? "on" : "off");
        }

        snapshot = await LoadAsync(cancellationToken);
        var state = StateOf(snapshot, name, db.Name);
        return new DatabaseInterfaceState(db.Name, name, state.Licensed, state.Enabled, state.Green);
    }

    /// <summary>
    /// Whether a plugin with this interface may run for this database: the interface is licensed and switched on
    /// (green). A plugin without an interface (such as <c>vdir</c>) is always usable. Answers from the state last
    /// read (<see cref="RefreshAsync"/>).
    /// </summary>
    /// <param name="database">The database's name.</param>
    /// <param name="interfaceName">The plugin's interface, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when usable.</returns>
    /// <exception cref="InvalidOperationException">Nothing was read yet; call <see cref="RefreshAsync"/> first.</exception>
    public bool IsUsable(string database, string? interfaceName) => Current.IsUsable(database, interfaceName);

    /// <summary>
    /// The plugin loader's licence policy: whether the interface is licensed for the database, or — without a
    /// database — for at least one database. A plugin without an interface is always licensed. Answers from the
    /// state last read (<see cref="RefreshAsync"/>).
    /// </summary>
    /// <param name="interfaceName">The plugin's interface, or <see langword="null"/>.</param>
    /// <param name="databaseName">The database, or <see langword="null"/> for "any".</param>
    /// <returns><see langword="true"/> when licensed.</returns>
    /// <exception cref="InvalidOperationException">Nothing was read yet; call <see cref="RefreshAsync"/> first.</exception>
    public bool IsLicensed(string? interfaceName, string? databaseName)
    {
        if (string.IsNullOrWhiteSpace(interfaceName))
        {
            return true;
        }

        var licence = Current.ValidLicence;
        if (licence is null || !licence.CoversInterface(interfaceName))
        {
            return false;
        }

        return databaseName is null || licence.CoversDatabase(databaseName);
    }

    private LicensingSnapshot Current => _snapshot
        ?? throw new InvalidOperationException("The licensing state was not read yet; call LicensingService.RefreshAsync first.");

    private static string NormaliseInterface(string interfaceName)
    {
        var name = (interfaceName ?? "").Trim().ToLowerInvariant();
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new LicenceException($"'{interfaceName}' is not an interface name; use one such as caldav or exchange.");
        }

        return name;
    }

    private static string NotLicensedSentence(LicenceStatus status, string database, string interfaceName)
    {
        var what = $"Interface '{interfaceName}' cannot be switched on for database '{database}'";
        if (!status.Installed)
        {
            return $"{what}: no licence is installed; install a licence covering it with 'proadsync licence install FILE' (for a trial, the development licence tools/licensing/development.licence of the source tree).";
        }

        if (!status.Valid)
        {
            return $"{what}: the installed licence is not valid ({status.Problem?.TrimEnd('.')}); install a valid licence covering it with 'proadsync licence install FILE'.";
        }

        var licence = status.Licence!;
        return $"{what}: licence {licence.LicenceId} covers databases {string.Join(", ", licence.Databases)} and interfaces {(licence.Interfaces.Count == 0 ? "(none)" : string.Join(", ", licence.Interfaces))} only (SPEC R-SM-2); install a licence covering '{interfaceName}' for '{database}' with 'proadsync licence install FILE'.";
    }

    private static InterfaceState StateOf(LicensingSnapshot snapshot, string interfaceName, string database)
    {
        var licensed = snapshot.IsLicensed(database, interfaceName);
        var enabled = snapshot.IsEnabled(database, interfaceName);
        return new InterfaceState(interfaceName, licensed, enabled, licensed && enabled);
    }

    private static List<string> OrderInterfaces(IEnumerable<string> extra)
    {
        var result = new List<string>(KnownInterfaces.Defaults);
        foreach (var name in extra.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Distinct().Order(StringComparer.Ordinal))
        {
            if (!result.Contains(name))
            {
                result.Add(name);
            }
        }

        return result;
    }

    private async Task<LicensingSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var text = await _catalog.GetSettingAsync(LicensingSettings.Licence, cancellationToken);
        LicenceStatus status;
        if (string.IsNullOrWhiteSpace(text))
        {
            status = new LicenceStatus(false, null, false, NoLicenceSentence, null, false);
        }
        else
        {
            var trusted = await ReadTrustedKeysAsync(cancellationToken);
            var check = CreateVerifier(trusted, trustDevelopmentKey: false).Check(text);
            var development = string.Equals(check.KeyId, DevelopmentKeyId, StringComparison.OrdinalIgnoreCase);
            status = new LicenceStatus(true, check.Licence, check.IsValid, check.Problem, check.KeyId, development);
            if (!check.IsValid)
            {
                LicensingLog.InvalidLicence(_logger, check.Problem!);
            }
        }

        var snapshot = new LicensingSnapshot(status, await ReadEnabledAsync(cancellationToken));
        _snapshot = snapshot;
        return snapshot;
    }

    private async Task<Dictionary<string, IReadOnlySet<string>>> ReadEnabledAsync(CancellationToken cancellationToken)
    {
        var json = await _catalog.GetSettingAsync(LicensingSettings.EnabledInterfaces, cancellationToken);
        var result = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        try
        {
            var map = JsonSerializer.Deserialize<Dictionary<string, string[]>>(json) ?? [];
            foreach (var (db, interfaces) in map)
            {
                result[db.ToLowerInvariant()] = interfaces.Select(i => i.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
            }
        }
        catch (JsonException)
        {
            LicensingLog.BadSetting(_logger, LicensingSettings.EnabledInterfaces);
        }

        return result;
    }

    private async Task<List<string>> ReadTrustedKeysAsync(CancellationToken cancellationToken)
    {
        var json = await _catalog.GetSettingAsync(LicensingSettings.TrustedKeys, cancellationToken);
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return [.. (JsonSerializer.Deserialize<string[]>(json) ?? []).Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim())];
        }
        catch (JsonException)
        {
            LicensingLog.BadSetting(_logger, LicensingSettings.TrustedKeys);
            return [];
        }
    }

    private static string? SafeKeyId(string pem)
    {
        try
        {
            return LicenceSigner.KeyIdOf(pem);
        }
        catch (LicenceException)
        {
            return null;
        }
    }

    private LicenceVerifier CreateVerifier(IEnumerable<string> settingKeys, bool trustDevelopmentKey)
    {
        var keys = new List<string> { VendorKeys.ProductionPublicKeyPem };
        foreach (var pem in settingKeys.Concat(_options.AdditionalTrustedPublicKeys))
        {
            try
            {
                var keyId = LicenceSigner.KeyIdOf(pem);
                if (!_options.AllowDevelopmentLicence && string.Equals(keyId, DevelopmentKeyId, StringComparison.OrdinalIgnoreCase))
                {
                    LicensingLog.BadTrustedKey(_logger, LicensingSettings.TrustedKeys, "the development key is not accepted by this host");
                    continue;
                }

                keys.Add(pem);
            }
            catch (LicenceException ex)
            {
                LicensingLog.BadTrustedKey(_logger, LicensingSettings.TrustedKeys, ex.Message);
            }
        }

        if (trustDevelopmentKey)
        {
            keys.Add(VendorKeys.DevelopmentPublicKeyPem);
        }

        return new LicenceVerifier(keys, _timeProvider);
    }
}
