namespace ProadSync.PluginHost.Loading;

/// <summary>The policy used until a licence is configured: every plugin is licensed.</summary>
internal sealed class DefaultPluginLicensePolicy : IPluginLicensePolicy
{
    public static DefaultPluginLicensePolicy Instance { get; } = new();

    public bool IsLicensed(PluginManifest manifest, string? databaseName) => true;
}
