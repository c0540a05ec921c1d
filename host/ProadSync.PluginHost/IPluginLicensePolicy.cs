namespace ProadSync.PluginHost;

/// <summary>Decides whether the licence covers a plugin for a database.</summary>
/// <remarks>
/// The catalog asks only about loaded plugins that name a licence feature (<see cref="PluginManifest.Interface"/>);
/// licence-neutral plugins are always licensed. Implementations must be thread-safe.
/// </remarks>
public interface IPluginLicensePolicy
{
    /// <summary>Whether the plugin may be used for the database.</summary>
    /// <param name="manifest">The plugin's manifest.</param>
    /// <param name="databaseName">The leading-system database, or <see langword="null"/> when no database is meant.</param>
    /// <returns><see langword="true"/> when the plugin is licensed.</returns>
    bool IsLicensed(PluginManifest manifest, string? databaseName);
}
