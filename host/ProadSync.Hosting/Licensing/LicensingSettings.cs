namespace ProadSync.Hosting.Licensing;

/// <summary>The catalog settings the licensing service keeps.</summary>
public static class LicensingSettings
{
    /// <summary>The installed licence file's text.</summary>
    public const string Licence = "licensing.licence";

    /// <summary>Additional trusted public keys: a JSON array of PEM strings.</summary>
    public const string TrustedKeys = "licensing.trustedKeys";

    /// <summary>The switched-on interfaces: a JSON object database → array of interfaces.</summary>
    public const string EnabledInterfaces = "licensing.enabledInterfaces";
}
