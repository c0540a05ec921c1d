namespace ProadSync.Chaos;

/// <summary>How a crash-recovery run is shaped.</summary>
public sealed record CrashOptions
{
    /// <summary>The seed of the kill points and edits.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The to-dos of the initial push.</summary>
    public int Items { get; init; } = 1000;

    /// <summary>Kills during the initial push.</summary>
    public int PushKills { get; init; } = 10;

    /// <summary>Kills during the two-way update phase.</summary>
    public int UpdateKills { get; init; } = 10;

    /// <summary>Leading edits and external edits/deletes before the update phase.</summary>
    public int UpdateEdits { get; init; } = 100;

    /// <summary>The CalDAV server, or <see langword="null"/> for a vdir folder.</summary>
    public DavServer? Server { get; init; }

    /// <summary>The built command line (<c>proadsync.dll</c>).</summary>
    public required string CliPath { get; init; }

    /// <summary>The folder that holds the built plugins (<c>artifacts/plugins</c>).</summary>
    public required string PluginDirectory { get; init; }

    /// <summary>A scratch folder (deleted afterwards by the caller).</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Where progress lines go, if anywhere.</summary>
    public TextWriter? Log { get; init; }

    /// <summary>The default place of the built command line for a repository and configuration.</summary>
    /// <param name="repoRoot">The repository root.</param>
    /// <param name="configuration">Debug or Release.</param>
    /// <returns>The path of <c>proadsync.dll</c>.</returns>
    public static string DefaultCliPath(string repoRoot, string configuration) =>
        Path.Combine(repoRoot, "host", "ProadSync.Cli", "bin", configuration, "net10.0", "proadsync.dll");
}
