using ProadSync.Tests.Shared;

namespace ProadSync.Benchmark.Tests;

/// <summary>
/// Starts the real servers once for the benchmark smoke test (tools/dav-servers/servers.sh install + start) and stops
/// them at the end. When they cannot start, the test fails with the script's output — never skipped.
/// </summary>
[SetUpFixture]
public sealed class SmokeServers
{
    private static readonly DavServerScript Servers = new("bench");

    /// <summary>The env file's values (base and collection URLs, user, password, PIDs).</summary>
    public static IReadOnlyDictionary<string, string> Env => Servers.Env;

    /// <summary>The repository root (the folder that holds tools/dav-servers/servers.sh).</summary>
    public static string RepoRoot => DavServerScript.RepoRoot;

    [OneTimeSetUp]
    public void Start() => Servers.Start();

    [OneTimeTearDown]
    public void Stop() => Servers.Stop();
}
