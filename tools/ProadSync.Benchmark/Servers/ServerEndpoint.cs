namespace ProadSync.Benchmark.Servers;

/// <summary>Where the benchmark creates its calendars and how it logs in.</summary>
/// <param name="Name">The server's name (davical, radicale, xandikos, sabredav, or "url").</param>
/// <param name="Home">The calendar home: fresh calendars are made below it with MKCALENDAR.</param>
/// <param name="User">The user name.</param>
/// <param name="Password">The password (never printed).</param>
internal sealed record ServerEndpoint(string Name, Uri Home, string User, string Password)
{
    /// <summary>The servers tools/dav-servers/servers.sh starts.</summary>
    public static IReadOnlyList<string> Known { get; } = ["davical", "radicale", "xandikos", "sabredav"];

    /// <summary>Reads a server's home and credentials from the env file servers.sh writes.</summary>
    /// <param name="server">The server's name.</param>
    /// <param name="envFile">The env file.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="BenchmarkException">The file or the server's lines are missing.</exception>
    public static ServerEndpoint FromEnvFile(string server, string envFile)
    {
        if (!File.Exists(envFile))
        {
            throw new BenchmarkException($"The env file '{envFile}' does not exist; start the servers with 'tools/dav-servers/servers.sh start' or pass --env-file.");
        }

        var env = File.ReadAllLines(envFile)
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
        var prefix = server.ToUpperInvariant();
        if (!env.TryGetValue(prefix + "_HOME", out var home))
        {
            throw new BenchmarkException($"The env file '{envFile}' has no {prefix}_HOME line; is {server} running?");
        }

        return new ServerEndpoint(server, new Uri(home), env.GetValueOrDefault("DAV_USER") ?? "test", env.GetValueOrDefault("DAV_PASSWORD") ?? string.Empty);
    }
}
