namespace ProadSync.PluginHost.Tests;

/// <summary>Licenses every feature except one, for one database; records what it was asked.</summary>
internal sealed class DenyingLicensePolicy(string deniedFeature, string deniedDatabase) : IPluginLicensePolicy
{
    public List<(string PluginId, string? Database)> Questions { get; } = [];

    public bool IsLicensed(PluginManifest manifest, string? databaseName)
    {
        lock (Questions)
        {
            Questions.Add((manifest.Id, databaseName));
        }

        return !(manifest.Interface == deniedFeature && databaseName == deniedDatabase);
    }
}
