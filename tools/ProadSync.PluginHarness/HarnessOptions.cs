using System.Globalization;

namespace ProadSync.PluginHarness;

/// <summary>The command line: <c>&lt;command&gt; --plugin DIR --url URL [options]</c>.</summary>
internal sealed record HarnessOptions
{
    public const string Usage = """
        Usage: proadsync-plugin-harness <test|run|info> --plugin <folder> [options]

          info   load the plugin folder as the host does and show its manifest, state and services
          test   run the connection test of the plugin's target, step by step
          run    one export pass of generated sample appointments and tasks through the real sync engine
                 (in-memory leading store) against the given server, then print the run report

        Options:
          --plugin <folder>       the laid-out plugin folder (artifacts/plugins/<id>)
          --url <url>             the server URL (or folder) of the target
          --user <name>           the user name
          --password-env <VAR>    read the password from this environment variable (never pass it on the command line)
          --profile <name>        the plugin's profile (for CalDAV: auto, davical, baikal, …)
          --option key=value      a target option (repeatable)
          --target <id>           the target id to use when it differs from the plugin id
          --contacts              test/run the contact target instead of the calendar target
          --mapper <id>           a field mapper of the plugin for 'run' (default: the host's default mapper)
          --mapper-option k=v     a mapper option (repeatable)
          --count <n>             sample appointments and tasks each (default 3)
          --passes <n>            how many runs (default 1; a second run should change nothing)
          --database <name>       the leading database name (default Harness)
          --zone <iana>           the database's time zone (default Europe/Berlin)
          --dry-run               plan only, write nothing
          --verbose               log at debug level
        """;

    public required string Command { get; init; }

    public required string PluginFolder { get; init; }

    public string? Url { get; init; }

    public string? User { get; init; }

    public string? PasswordVariable { get; init; }

    public string? Profile { get; init; }

    public Dictionary<string, string> TargetOptions { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? TargetId { get; init; }

    public bool Contacts { get; init; }

    public string? Mapper { get; init; }

    public Dictionary<string, string> MapperOptions { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int Count { get; init; } = 3;

    public int Passes { get; init; } = 1;

    public string Database { get; init; } = "Harness";

    public string Zone { get; init; } = "Europe/Berlin";

    public bool DryRun { get; init; }

    public bool Verbose { get; init; }

    /// <summary>Parses the arguments, or returns the one-sentence reason they are not usable.</summary>
    public static (HarnessOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] is not ("test" or "run" or "info"))
        {
            return (null, "Name a command: test, run or info.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var targetOptions = new List<string>();
        var mapperOptions = new List<string>();
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "--contacts" or "--dry-run" or "--verbose")
            {
                flags.Add(name);
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                return (null, $"The argument '{name}' is unknown or has no value.");
            }

            var value = args[++i];
            switch (name)
            {
                case "--option":
                    targetOptions.Add(value);
                    break;
                case "--mapper-option":
                    mapperOptions.Add(value);
                    break;
                case "--password":
                    return (null, "Passwords are not taken on the command line: put it in an environment variable and pass --password-env NAME.");
                case "--plugin" or "--url" or "--user" or "--password-env" or "--profile" or "--target" or "--mapper"
                    or "--count" or "--passes" or "--database" or "--zone":
                    values[name] = value;
                    break;
                default:
                    return (null, $"The option '{name}' is unknown.");
            }
        }

        if (!values.TryGetValue("--plugin", out var plugin))
        {
            return (null, "Name the plugin folder with --plugin.");
        }

        if (args[0] != "info" && !values.ContainsKey("--url"))
        {
            return (null, "Name the server with --url.");
        }

        var options = new HarnessOptions
        {
            Command = args[0],
            PluginFolder = Path.GetFullPath(plugin),
            Url = values.GetValueOrDefault("--url"),
            User = values.GetValueOrDefault("--user"),
            PasswordVariable = values.GetValueOrDefault("--password-env"),
            Profile = values.GetValueOrDefault("--profile"),
            TargetId = values.GetValueOrDefault("--target"),
            Contacts = flags.Contains("--contacts"),
            Mapper = values.GetValueOrDefault("--mapper"),
            Count = values.TryGetValue("--count", out var count) ? int.Parse(count, CultureInfo.InvariantCulture) : 3,
            Passes = values.TryGetValue("--passes", out var passes) ? int.Parse(passes, CultureInfo.InvariantCulture) : 1,
            Database = values.GetValueOrDefault("--database") ?? "Harness",
            Zone = values.GetValueOrDefault("--zone") ?? "Europe/Berlin",
            DryRun = flags.Contains("--dry-run"),
            Verbose = flags.Contains("--verbose"),
        };
        foreach (var (list, target) in new[] { (targetOptions, options.TargetOptions), (mapperOptions, options.MapperOptions) })
        {
            foreach (var pair in list)
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at <= 0)
                {
                    return (null, $"The option '{pair}' is not of the form key=value.");
                }

                target[pair[..at]] = pair[(at + 1)..];
            }
        }

        return options.Count is < 0 or > 500 || options.Passes is < 1 or > 10
            ? (null, "Use --count 0..500 and --passes 1..10.")
            : (options, null);
    }
}
