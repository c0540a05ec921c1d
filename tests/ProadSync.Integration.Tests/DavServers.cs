using ProadSync.Tests.Shared;

namespace ProadSync.Integration.Tests;

/// <summary>
/// Starts the four real servers once for the whole assembly (tools/dav-servers/servers.sh install + start) and stops
/// them at the end. When they cannot start, every test fails with the script's output — never skipped.
/// </summary>
[SetUpFixture]
public sealed class DavServers
{
    private static readonly DavServerScript Servers = new("it");

    /// <summary>The env file's values (base and collection URLs, user, password, PIDs).</summary>
    public static IReadOnlyDictionary<string, string> Env => Servers.Env;

    /// <summary>The repository root (the folder that holds tools/dav-servers/servers.sh).</summary>
    public static string RepoRoot => DavServerScript.RepoRoot;

    /// <summary>The user every server knows.</summary>
    public static string User => Env["DAV_USER"];

    /// <summary>The user's password.</summary>
    public static string Password => Env["DAV_PASSWORD"];

    [OneTimeSetUp]
    public void Start() => Servers.Start();

    [OneTimeTearDown]
    public void Stop() => Servers.Stop();
}
