using System.Diagnostics;
using System.Text;

namespace ProadSync.Integration.Tests;

/// <summary>
/// Starts the four real servers once for the whole assembly (tools/dav-servers/servers.sh install + start) and stops
/// them at the end. When they cannot start, every test fails with the script's output — never skipped.
/// </summary>
[SetUpFixture]
public sealed class DavServers
{
    private static Dictionary<string, string>? _env;
    private static string? _stateDir;

    /// <summary>The env file's values (base and collection URLs, user, password, PIDs).</summary>
    public static IReadOnlyDictionary<string, string> Env =>
        _env ?? throw new InvalidOperationException("The DAV servers were not started.");

    /// <summary>The repository root (the folder that holds tools/dav-servers/servers.sh).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The user every server knows.</summary>
    public static string User => Env["DAV_USER"];

    /// <summary>The user's password.</summary>
    public static string Password => Env["DAV_PASSWORD"];

    [OneTimeSetUp]
    public void Start()
    {
        _stateDir = Path.Combine(Path.GetTempPath(), "proadsync-dav-it-" + Environment.ProcessId);
        var script = Path.Combine(RepoRoot, "tools", "dav-servers", "servers.sh");
        var stopwatch = Stopwatch.StartNew();
        var install = Run(script, "install", TimeSpan.FromMinutes(8));
        if (install.ExitCode != 0)
        {
            Assert.Fail($"servers.sh install failed (exit {install.ExitCode}):\n{install.Output}");
        }

        var start = Run(script, "start", TimeSpan.FromMinutes(3));
        if (start.ExitCode != 0)
        {
            Assert.Fail($"servers.sh start failed (exit {start.ExitCode}):\n{start.Output}");
        }

        var envFile = Path.Combine(_stateDir, "servers.env");
        _env = File.ReadAllLines(envFile)
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!_env.ContainsKey("DAV_READY"))
        {
            Assert.Fail($"servers.sh start did not finish its env file:\n{start.Output}");
        }

        TestContext.Progress.WriteLine($"DAV servers up in {stopwatch.Elapsed.TotalSeconds:0.0} s:\n{install.Output}{start.Output}");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        if (_stateDir is null)
        {
            return;
        }

        var script = Path.Combine(RepoRoot, "tools", "dav-servers", "servers.sh");
        var stop = Run(script, "stop", TimeSpan.FromMinutes(1));
        TestContext.Progress.WriteLine(stop.Output);
    }

    private static (int ExitCode, string Output) Run(string script, string command, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("/bin/bash", [script, command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["DAV_STATE_DIR"] = _stateDir;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("bash could not be started.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output + $"\n(timed out after {timeout.TotalSeconds:0} s)");
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "tools", "dav-servers", "servers.sh")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("tools/dav-servers/servers.sh was not found above the test folder.");
    }
}
