using ProadSync.Abstractions.Plugins;

namespace ProadSync.PluginHost;

/// <summary>
/// A plugin's <c>plugin.json</c>: what the host knows about a plugin before it loads any of its code.
/// </summary>
public sealed record PluginManifest
{
    /// <summary>The plugin id (<c>[a-z0-9-]+</c>); equals the name of the plugin's folder.</summary>
    public required string Id { get; init; }

    /// <summary>The display name.</summary>
    public required string Name { get; init; }

    /// <summary>The plugin's own version (free form, for example SemVer).</summary>
    public required string Version { get; init; }

    /// <summary>The contract version (<c>major.minor</c>) the plugin was built against.</summary>
    public required Version ContractVersion { get; init; }

    /// <summary>The entry assembly's path relative to the plugin folder.</summary>
    public required string EntryAssembly { get; init; }

    /// <summary>What the plugin provides; never empty.</summary>
    public required IReadOnlyList<PluginKind> Kinds { get; init; }

    /// <summary>
    /// The licence feature the plugin belongs to (<c>caldav</c>, <c>exchange</c>, …), or <see langword="null"/> for a
    /// licence-neutral plugin (the vdir target, field mappers).
    /// </summary>
    public string? Interface { get; init; }

    /// <summary>An optional description.</summary>
    public string? Description { get; init; }
}
