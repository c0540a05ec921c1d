using System.CommandLine;

namespace ProadSync.Cli;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Home = new("--home")
    {
        Description = "Where the host keeps its catalog, keys, logs and embedded databases (also PROADSYNC_HOME; default ./.proadsync).",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Machine-readable output on stdout (one JSON document).",
        Recursive = true,
    };
}
