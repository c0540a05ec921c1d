using System.Globalization;
using ProadSync.Benchmark.Servers;

namespace ProadSync.Benchmark;

/// <summary>The command line of the benchmark.</summary>
internal sealed record BenchmarkOptions
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        ProadSync.Benchmark — ProadSync (engine + caldav plugin + SQLite store) vs vdirsyncer against a CalDAV server

          --server davical|radicale|xandikos|sabredav   a server started by tools/dav-servers/servers.sh (default davical)
          --env-file FILE          servers.sh's env file (default $DAV_STATE_DIR/servers.env, else /tmp/proadsync-dav/servers.env)
          --url URL                instead of --server: a calendar home on 127.0.0.1 where calendars may be created
          --user NAME              the user for --url
          --password-env VAR       the environment variable holding the password for --url
          --sizes 1000,5000        the numbers of appointments (default 1000,5000)
          --changed 10             appointments changed before the last run (default 10)
          --rounds 3               initial pushes per size and client, the clients taking turns to go first; the
                                   speed-up is the median of the rounds' ratios (default 3; the other phases run once)
          --max-parallel-writes N  the caldav plugin's maxParallelWrites (default: the plugin's, 4)
          --no-vdirsyncer          measure ProadSync only
          --plugins DIR            the plugin folder (default: artifacts/plugins of the repository)
          --json FILE              also write the figures as JSON (- for standard output)
        Each size and round gets two fresh calendars (MKCALENDAR): one for ProadSync, one for vdirsyncer. Requests are counted by a
        reverse proxy on 127.0.0.1 that runs in a child process, so its CPU time is not the client's.
        """;

    /// <summary>The server name (or "url").</summary>
    public string Server { get; init; } = "davical";

    /// <summary>The env file.</summary>
    public string? EnvFile { get; init; }

    /// <summary>A calendar home given directly.</summary>
    public Uri? Url { get; init; }

    /// <summary>The user for <see cref="Url"/>.</summary>
    public string? User { get; init; }

    /// <summary>The variable with the password for <see cref="Url"/>.</summary>
    public string? PasswordEnv { get; init; }

    /// <summary>The sizes.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [1000, 5000];

    /// <summary>Appointments changed before the last run.</summary>
    public int Changed { get; init; } = 10;

    /// <summary>How many rounds of the initial push each size gets.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>The plugin's maxParallelWrites.</summary>
    public int? MaxParallelWrites { get; init; }

    /// <summary>Whether vdirsyncer is measured when installed.</summary>
    public bool Vdirsyncer { get; init; } = true;

    /// <summary>The plugin folder.</summary>
    public string? Plugins { get; init; }

    /// <summary>Where the JSON goes (- for standard output).</summary>
    public string? Json { get; init; }

    /// <summary>Whether --help was asked for.</summary>
    public bool Help { get; init; }

    /// <summary>Parses the arguments.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The options.</returns>
    /// <exception cref="BenchmarkException">An argument is unknown or invalid.</exception>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new BenchmarkException($"{arg} needs a value.");
            o = arg switch
            {
                "--server" => o with { Server = ServerName(Value()) },
                "--env-file" => o with { EnvFile = Value() },
                "--url" => o with { Url = LoopbackUrl(Value()), Server = "url" },
                "--user" => o with { User = Value() },
                "--password-env" => o with { PasswordEnv = Value() },
                "--sizes" => o with { Sizes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => Number("--sizes", s, 1, 100_000)).ToList() },
                "--changed" => o with { Changed = Number(arg, Value(), 1, 1000) },
                "--rounds" => o with { Rounds = Number(arg, Value(), 1, 9) },
                "--max-parallel-writes" => o with { MaxParallelWrites = Number(arg, Value(), 1, 32) },
                "--no-vdirsyncer" => o with { Vdirsyncer = false },
                "--plugins" => o with { Plugins = Value() },
                "--json" => o with { Json = Value() },
                "-h" or "--help" => o with { Help = true },
                _ => throw new BenchmarkException($"The argument '{arg}' is unknown; --help lists the options."),
            };
        }

        if (o.Sizes.Count == 0)
        {
            throw new BenchmarkException("--sizes needs at least one number.");
        }

        return o;
    }

    /// <summary>The endpoint the options name.</summary>
    /// <returns>The endpoint.</returns>
    /// <exception cref="BenchmarkException">The server or its credentials cannot be found.</exception>
    public ServerEndpoint Endpoint()
    {
        if (Url is not null)
        {
            var password = PasswordEnv is null ? string.Empty
                : Environment.GetEnvironmentVariable(PasswordEnv) ?? throw new BenchmarkException($"The environment variable {PasswordEnv} is not set.");
            return new ServerEndpoint("url", Url, User ?? string.Empty, password);
        }

        var envFile = EnvFile ?? Path.Combine(Environment.GetEnvironmentVariable("DAV_STATE_DIR") is { Length: > 0 } dir ? dir : "/tmp/proadsync-dav", "servers.env");
        return ServerEndpoint.FromEnvFile(Server, envFile);
    }

    private static string ServerName(string text)
    {
        var name = text.Trim().ToLowerInvariant();
        return ServerEndpoint.Known.Contains(name) ? name
            : throw new BenchmarkException($"The server '{text}' is unknown; use one of {string.Join(", ", ServerEndpoint.Known)}, or --url.");
    }

    private static Uri LoopbackUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp && url.IsLoopback ? url
            : throw new BenchmarkException($"The URL '{text}' is not an http URL on loopback; the benchmark only talks to 127.0.0.1.");

    private static int Number(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
            : throw new BenchmarkException($"{name} must be a whole number from {min} to {max}, not '{text}'.");
}
