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
    public static DavServer FromEnvFile(string envFile, string name)
    {
        var env = File.ReadAllLines(envFile)
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        var prefix = name.ToUpperInvariant();
        var home = new Uri(env[prefix + "_HOME"]);
        var root = new Uri(home.GetLeftPart(UriPartial.Authority) + "/");
        return new DavServer(name, root, home, env["DAV_USER"], env["DAV_PASSWORD"]);
    }
}
