namespace ProadSync.Hosting.Licensing;

/// <summary>Options of the <see cref="LicensingService"/>.</summary>
public sealed class LicensingOptions
{
    /// <summary>Public keys (PEM) trusted in addition to the vendor's production key and the setting <see cref="LicensingSettings.TrustedKeys"/>.</summary>
    public IList<string> AdditionalTrustedPublicKeys { get; } = [];

    /// <summary>Interfaces listed in addition to <see cref="KnownInterfaces.Defaults"/> (for example from plugin manifests).</summary>
    public IList<string> AdditionalInterfaces { get; } = [];

    /// <summary>
    /// Whether the development licence (signed with the committed development key) may be installed and trusted.
    /// On by default so the demo and the quickstart work; a production build may switch it off.
    /// </summary>
    public bool AllowDevelopmentLicence { get; set; } = true;
}
