namespace ProadSync.PluginHost;

/// <summary>One plugin folder as the host found it: its manifest, its state and why.</summary>
/// <param name="Id">The plugin id: the manifest's id, or the folder name when the manifest could not be read.</param>
/// <param name="Manifest">The manifest, or <see langword="null"/> when it could not be read or was invalid.</param>
/// <param name="State">The state, independent of any database (see <see cref="IPluginCatalog.StateFor"/> for licensing).</param>
/// <param name="Reason">One sentence saying why the plugin is not active, or <see langword="null"/> when it is.</param>
/// <param name="DirectoryPath">The full path of the plugin folder.</param>
public sealed record PluginDescriptor(string Id, PluginManifest? Manifest, PluginState State, string? Reason, string DirectoryPath);
