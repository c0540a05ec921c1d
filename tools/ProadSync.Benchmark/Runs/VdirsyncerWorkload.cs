using System.Diagnostics;
using System.Globalization;
using System.Text;
using ProadSync.Benchmark.Proxy;
using ProadSync.Formats;

namespace ProadSync.Benchmark.Runs;

/// <summary>
/// The peer: vdirsyncer syncing a vdir folder (the same N appointments as .ics files) to a second empty calendar on the
/// same server — discover + sync, a sync with no change, a sync after 10 files changed.
/// </summary>
internal sealed class VdirsyncerWorkload
{
    private readonly string _executable;
    private readonly Func<CancellationToken, Task<ProxyStats>> _snapshot;
    private readonly TimeProvider _time;
    private readonly string _workDirectory;
    private readonly TextWriter _log;

    /// <summary>Creates the workload.</summary>
    /// <param name="executable">The vdirsyncer program.</param>
    /// <param name="snapshot">Reads the proxy's counts.</param>
    /// <param name="time">The clock (DTSTAMP, dates).</param>
    /// <param name="workDirectory">Where the vdir, the status and the config go.</param>
    /// <param name="log">Progress messages.</param>
    public VdirsyncerWorkload(string executable, Func<CancellationToken, Task<ProxyStats>> snapshot, TimeProvider time, string workDirectory, TextWriter log)
    {
        _executable = executable;
        _snapshot = snapshot;
        _time = time;
        _workDirectory = workDirectory;
        _log = log;
    }

    /// <summary>Finds vdirsyncer on the PATH.</summary>
    /// <returns>Its path, or <see langword="null"/>.</returns>
    public static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "vdirsyncer");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs the three phases against <paramref name="calendar"/>.</summary>
    /// <param name="size">The number of appointments.</param>
    /// <param name="calendar">The empty calendar, through the proxy.</param>
    /// <param name="user">The user.</param>
    /// <param name="password">The password (written only into the temporary config file, mode 600).</param>
    /// <param name="changed">How many files change before the last run.</param>
    /// <param name="allPhases">Run the phases after the initial push (false: only the push, for a further round).</param>
    /// <param name="cancellationToken">Cancels between runs.</param>
    /// <returns>One measurement per phase.</returns>
    public async Task<IReadOnlyList<Measurement>> RunAsync(int size, Uri calendar, string user, string password, int changed, bool allPhases, CancellationToken cancellationToken)
    {
        var root = Path.Combine(_workDirectory, $"vdirsyncer-{size}-{Guid.NewGuid():N}");
        var vdir = Path.Combine(root, "vdir");
        Directory.CreateDirectory(vdir);
        Directory.CreateDirectory(Path.Combine(root, "status"));
        var now = _time.GetUtcNow();
        for (var i = 0; i < size; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(vdir, FileName(i)), Ics(now, i, string.Empty), cancellationToken);
        }

        var config = Path.Combine(root, "config");
        await File.WriteAllTextAsync(config, $"""
            [general]
            status_path = "{Path.Combine(root, "status")}/"

            [pair bench]
            a = "bench_local"
            b = "bench_remote"
            collections = null
            conflict_resolution = "a wins"

            [storage bench_local]
            type = "filesystem"
            path = "{vdir}/"
            fileext = ".ics"

            [storage bench_remote]
            type = "caldav"
            url = "{calendar.AbsoluteUri}"
            username = "{user}"
            password = "{password.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}"

            """, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var results = new List<Measurement> { await MeasureAsync(size, Phases.Initial, config, ["discover", "sync"], cancellationToken) };
        if (!allPhases)
        {
            Remove(root);
            return results;
        }

        var quiet = new List<Measurement>();
        for (var n = 0; n < Phases.NoChangeRepeats; n++)
        {
            quiet.Add(await MeasureAsync(size, Phases.NoChange, config, ["sync"], cancellationToken));
        }

        results.Add(Measurement.Median(quiet));
        var step = Math.Max(1, size / Math.Max(1, changed));
        for (var k = 0; k < changed && k * step < size; k++)
        {
            var index = k * step;
            await File.WriteAllTextAsync(Path.Combine(vdir, FileName(index)), Ics(now, index, " (changed)"), cancellationToken);
        }

        results.Add(await MeasureAsync(size, Phases.Changed, config, ["sync"], cancellationToken));
        Remove(root);
        return results;
    }

    private static void Remove(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Leave it; it is in the temp folder.
        }
    }

    private static string FileName(int i) => string.Create(CultureInfo.InvariantCulture, $"bench-vd-{i}.ics");

    /// <summary>
    /// The same appointment ProadSync writes, as the same iCalendar text (ProadSync's writer: local time with its
    /// VTIMEZONE), under a UID of vdirsyncer's own, so both clients push the same objects to the server.
    /// </summary>
    private static string Ics(DateTimeOffset now, int i, string suffix) =>
        IcsWriter.Write(string.Create(CultureInfo.InvariantCulture, $"bench-vd-{i}@benchmark.invalid"), ProadSyncWorkload.Appointment(now, i, suffix), now);

    private async Task<Measurement> MeasureAsync(int size, string phase, string config, string[] commands, CancellationToken cancellationToken)
    {
        var before = await _snapshot(cancellationToken);
        var cpu = ChildCpu.Seconds();
        var watch = Stopwatch.StartNew();
        var output = new StringBuilder();
        foreach (var command in commands)
        {
            var psi = new ProcessStartInfo(_executable)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(config);
            psi.ArgumentList.Add(command);
            using var process = Process.Start(psi) ?? throw new BenchmarkException("vdirsyncer could not be started.");
            process.StandardInput.Close(); // non-interactive: any question is answered by end of input
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            output.Append(await stdout).Append(await stderr);
            if (process.ExitCode != 0)
            {
                throw new BenchmarkException($"vdirsyncer {command} ended with exit code {process.ExitCode}: {Tail(output.ToString())}");
            }
        }

        watch.Stop();
        var cpuUsed = ChildCpu.Seconds() - cpu;
        var traffic = (await _snapshot(cancellationToken)).Since(before);
        _log.WriteLine($"  vdirsyncer {size,5} {phase,-10} {watch.Elapsed.TotalSeconds,8:0.000} s (server {traffic.ServerSeconds:0.000} s)  {traffic.Requests,6} requests ({traffic.MethodsText()})");
        return new Measurement("vdirsyncer", size, phase, watch.Elapsed.TotalSeconds, cpuUsed, traffic, string.Empty);
    }

    private static string Tail(string text) => text.Length <= 600 ? text.Trim() : "…" + text[^600..].Trim();
}
