namespace ProadSync.Chaos;

/// <summary>A CalDAV server on 127.0.0.1 started by <c>tools/dav-servers/servers.sh</c>.</summary>
/// <param name="Name">radicale, xandikos, davical or sabredav.</param>
/// <param name="Root">The server's root URL (what the proxy forwards to).</param>
/// <param name="CalendarHome">The user's calendar home (fresh calendars are made there).</param>
/// <param name="User">The user.</param>
/// <param name="Password">The password.</param>
public sealed record DavServer(string Name, Uri Root, Uri CalendarHome, string User, string Password)
{
    /// <summary>Reads a server from the env file <c>servers.sh start</c> wrote.</summary>
    /// <param name="envFile">The env file.</param>
    /// <param name="name">The server's name.</param>
    /// <returns>The server.</returns>
    public static DavServer FromEnvFile(string envFile, string name) =>
        FromEnv(
            File.ReadAllLines(envFile)
                .Where(l => l.Contains('=', StringComparison.Ordinal))
                .Select(l => l.Split('=', 2))
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal),
            name);

    /// <summary>Reads a server from the values of the env file <c>servers.sh start</c> wrote.</summary>
    /// <param name="env">The env file's values (<c>&lt;NAME&gt;_HOME</c>, <c>DAV_USER</c>, <c>DAV_PASSWORD</c>).</param>
    /// <param name="name">The server's name: radicale, xandikos, davical or sabredav.</param>
    /// <returns>The server.</returns>
    public static DavServer FromEnv(IReadOnlyDictionary<string, string> env, string name)
    {
        ArgumentNullException.ThrowIfNull(env);
        var prefix = name.ToUpperInvariant();
        if (!env.TryGetValue(prefix + "_HOME", out var homeText))
        {
            throw new ArgumentException($"The env file has no {prefix}_HOME; servers.sh starts radicale, xandikos, davical and sabredav.", nameof(name));
        }

        var home = new Uri(homeText);
        var root = new Uri(home.GetLeftPart(UriPartial.Authority) + "/");
        return new DavServer(name, root, home, env["DAV_USER"], env["DAV_PASSWORD"]);
    }
}
