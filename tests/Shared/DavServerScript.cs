using System.Diagnostics;
using System.Text;

namespace ProadSync.Tests.Shared;

/// <summary>
/// Drives tools/dav-servers/servers.sh for a test assembly: install what is missing, start the real servers on
/// 127.0.0.1 in a state folder of its own, read the env file, and stop them again. When they cannot start, the
/// caller's setup fails with the script's output — never skipped. Linked as source into the test projects that
/// need real servers, each with a thin <c>[SetUpFixture]</c> of its own.
/// </summary>
internal sealed class DavServerScript
{
    private readonly string _stateDir;
    private Dictionary<string, string>? _env;

    /// <summary>Prepares a run whose state lives in a temp folder named after <paramref name="name"/> and this process.</summary>
    /// <param name="name">A short name that keeps parallel test assemblies apart.</param>
    public DavServerScript(string name) =>
        _stateDir = Path.Combine(Path.GetTempPath(), $"proadsync-dav-{name}-{Environment.ProcessId}");

    /// <summary>The repository root (the folder that holds tools/dav-servers/servers.sh).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The env file's values (base and collection URLs, user, password, PIDs).</summary>
    public IReadOnlyDictionary<string, string> Env =>
        _env ?? throw new InvalidOperationException("The DAV servers were not started.");

    private static string Script => Path.Combine(RepoRoot, "tools", "dav-servers", "servers.sh");

    /// <summary>Installs and starts the servers; fails the calling setup with the script's output when it cannot.</summary>
    public void Start()
    {
        var stopwatch = Stopwatch.StartNew();
        var install = Run("install", TimeSpan.FromMinutes(8));
        if (install.ExitCode != 0)
        {
            Assert.Fail($"servers.sh install failed (exit {install.ExitCode}):\n{install.Output}");
        }

        var start = Run("start", TimeSpan.FromMinutes(3));
        if (start.ExitCode != 0)
        {
            Assert.Fail($"servers.sh start failed (exit {start.ExitCode}):\n{start.Output}");
        }

        _env = File.ReadAllLines(Path.Combine(_stateDir, "servers.env"))
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!_env.ContainsKey("DAV_READY"))
        {
            Assert.Fail($"servers.sh start did not finish its env file:\n{start.Output}");
        }

        TestContext.Progress.WriteLine($"DAV servers up in {stopwatch.Elapsed.TotalSeconds:0.0} s:\n{install.Output}{start.Output}");
    }

    /// <summary>Stops the servers and removes the state folder.</summary>
    public void Stop()
    {
        if (_env is null && !Directory.Exists(_stateDir))
        {
            return;
        }

        TestContext.Progress.WriteLine(Run("stop", TimeSpan.FromMinutes(1)).Output);
    }

    private (int ExitCode, string Output) Run(string command, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo("/bin/bash", [Script, command])
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
