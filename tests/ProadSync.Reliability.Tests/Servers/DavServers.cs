using ProadSync.Chaos;
using ProadSync.Tests.Shared;

namespace ProadSync.Reliability.Tests.Servers;

/// <summary>
/// Starts the real servers of tools/dav-servers/servers.sh (install + start) once for the tests in this namespace
/// and stops them afterwards. When they cannot start, those tests fail with the script's output — never skipped.
/// </summary>
[SetUpFixture]
public sealed class DavServers
{
    private static readonly DavServerScript Servers = new("rel");

    /// <summary>One of the started servers (davical, xandikos, radicale, sabredav) as the chaos runner takes it.</summary>
    /// <param name="name">The server's name.</param>
    /// <returns>The server.</returns>
    public static DavServer Get(string name) => DavServer.FromEnv(Servers.Env, name);

    [OneTimeSetUp]
    public void Start() => Servers.Start();

    [OneTimeTearDown]
    public void Stop() => Servers.Stop();
}
