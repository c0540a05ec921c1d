namespace ProadSync.Hosting;

/// <summary>The folder where the host keeps its catalog, keys, logs, plugins and embedded databases.</summary>
public sealed class ProadSyncHome
{
    /// <summary>The environment variable that names the home folder.</summary>
    public const string EnvironmentVariable = "PROADSYNC_HOME";

    private ProadSyncHome(string root) => Root = root;

    /// <summary>The home folder (absolute).</summary>
    public string Root { get; }

    /// <summary>The Data Protection key ring.</summary>
    public string KeysDirectory => Path.Combine(Root, "keys");

    /// <summary>The rolling log files.</summary>
    public string LogsDirectory => Path.Combine(Root, "logs");

    /// <summary>
    /// An admin's description templates: <c>templates/&lt;database&gt;/incoming.scriban</c> and <c>outgoing.scriban</c>
    /// override the built-in ones for one database.
    /// </summary>
    public string TemplatesDirectory => Path.Combine(Root, "templates");

    /// <summary>Plugins an admin dropped in (in addition to the built-in ones beside the executable).</summary>
    public string PluginsDirectory => Path.Combine(Root, "plugins");

    /// <summary>
    /// Resolves the home folder: the explicit path, else <c>PROADSYNC_HOME</c>, else <c>./.proadsync</c>; creates it.
    /// </summary>
    /// <param name="explicitPath">The <c>--home</c> option, if given.</param>
    /// <param name="environmentValue">The value of <c>PROADSYNC_HOME</c>, if set.</param>
    /// <returns>The home.</returns>
    /// <exception cref="IOException">The folder cannot be created.</exception>
    public static ProadSyncHome Resolve(string? explicitPath, string? environmentValue)
    {
        var path = !string.IsNullOrWhiteSpace(explicitPath) ? explicitPath
            : !string.IsNullOrWhiteSpace(environmentValue) ? environmentValue
            : Path.Combine(Directory.GetCurrentDirectory(), ".proadsync");
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(full);
        return new ProadSyncHome(full);
    }
}
