namespace ProadSync.PluginHost;

/// <summary>Where the host looks for plugins and which it must not load.</summary>
public sealed class PluginHostOptions
{
    /// <summary>
    /// The plugin root directories, in order of precedence: each holds one folder per plugin
    /// (<c>&lt;id&gt;/plugin.json</c> and the plugin's assemblies). When two roots hold the same id the first wins.
    /// </summary>
    public IList<string> RootDirectories { get; } = new List<string>();

    /// <summary>The ids of plugins an administrator disabled; their manifests are read but their code is not loaded.</summary>
    public ISet<string> DisabledPluginIds { get; } = new HashSet<string>(StringComparer.Ordinal);
}
