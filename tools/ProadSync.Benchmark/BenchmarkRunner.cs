using System.Globalization;
using System.Runtime.InteropServices;
using ProadSync.Benchmark.Output;
using ProadSync.Benchmark.Proxy;
using ProadSync.Benchmark.Runs;
using ProadSync.Benchmark.Servers;
using ProadSync.PluginHost;

namespace ProadSync.Benchmark;

/// <summary>Runs the whole benchmark for one server: per size a fresh calendar for each client, then the table.</summary>
internal static class BenchmarkRunner
{
    /// <summary>Runs it.</summary>
    /// <param name="options">The command line.</param>
    /// <param name="output">Where the table goes.</param>
    /// <param name="cancellationToken">Cancels between runs.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(BenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var endpoint = options.Endpoint();
        var time = TimeProvider.System;
        var pluginRoot = options.Plugins ?? Path.Combine(RepositoryRoot(), "artifacts", "plugins");
        var hostOptions = new PluginHostOptions();
        hostOptions.RootDirectories.Add(pluginRoot);
        using var plugins = PluginCatalogFactory.Create(hostOptions, timeProvider: time);
        if (plugins.FindCalendarTargetFactory(ProadSyncWorkload.PluginId) is null)
        {
            throw new BenchmarkException($"The caldav plugin was not found or not loaded in '{pluginRoot}' ({string.Join("; ", plugins.Plugins.Select(p => $"{p.Id}: {p.State} {p.Reason}"))}); build tools/ProadSync.Benchmark (it builds the plugin) or pass --plugins.");
        }

        var vdirsyncer = options.Vdirsyncer ? VdirsyncerWorkload.Find() : null;
        var machine = Machine();
        output.WriteLine($"Server {endpoint.Name} at {endpoint.Home.GetLeftPart(UriPartial.Authority)}; sizes {string.Join(", ", options.Sizes)}; vdirsyncer {(vdirsyncer ?? "not measured")}");
        output.WriteLine(machine);

        var runId = time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var work = Path.Combine(Path.GetTempPath(), "proadsync-bench-" + runId);
        Directory.CreateDirectory(work);
        var all = new List<Measurement>();
        await using (var proxy = await ProxyProcess.StartAsync(endpoint.Home, cancellationToken))
        {
            output.WriteLine($"Counting proxy {proxy.BaseUrl} (process {proxy.ProcessId})");
            var peer = vdirsyncer is null ? null : new VdirsyncerWorkload(vdirsyncer, proxy.SnapshotAsync, time, work, output);
            foreach (var size in options.Sizes)
            {
                if (peer is not null && endpoint.Name == "sabredav")
                {
                    output.WriteLine("  vdirsyncer skipped: it cannot do Digest authentication, and this SabreDAV (Baikal layout) asks for Digest.");
                    peer = null;
                }

                // Round 1 measures every phase; further rounds only the initial push, each client into a fresh calendar
                // again, the clients taking turns to go first (a server that slows as its database grows, or a noisy
                // neighbour, then weighs on both alike). The initial speed-up is the median of the rounds' ratios.
                for (var round = 1; round <= options.Rounds; round++)
                {
                    var allPhases = round == 1;
                    var proadsyncFirst = round % 2 == 1;
                    if (options.Rounds > 1)
                    {
                        output.WriteLine($"  round {round} of {options.Rounds} ({(peer is null || proadsyncFirst ? "ProadSync" : "vdirsyncer")} first)");
                    }

                    for (var turn = 0; turn < 2; turn++)
                    {
                        var name = turn == 0 == proadsyncFirst ? "proadsync" : "vdirsyncer";
                        if (name == "vdirsyncer" && peer is null)
                        {
                            continue;
                        }

                        var calendar = proxy.Through(await CalendarMaker.CreateAsync(endpoint, $"bench-{runId}-{size}-{round}-{name}", cancellationToken));
                        var runs = name == "proadsync"
                            ? await ProadSyncProcess.RunAsync(new ProadSyncProcess.Request(new ProadSyncWorkload.Series
                            {
                                Size = size,
                                Calendar = calendar,
                                User = endpoint.User,
                                Password = endpoint.Password,
                                MaxParallelWrites = options.MaxParallelWrites,
                                Changed = options.Changed,
                                AllPhases = allPhases,
                            }, proxy.BaseUrl, pluginRoot, work), output, cancellationToken)
                            : await peer!.RunAsync(size, calendar, endpoint.User, endpoint.Password, options.Changed, allPhases, cancellationToken);
                        all.AddRange(runs.Select(m => m with { Round = round }));
                    }
                }
            }
        }

        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder; leave it.
        }

        output.WriteLine();
        output.WriteLine(Machine().Replace("Machine:", "Machine at the end:", StringComparison.Ordinal));
        ResultTable.Write(output, endpoint.Name, all);
        if (options.Json is { } json)
        {
            var text = ResultTable.ToJson(endpoint.Name, machine, all);
            if (json == "-")
            {
                output.WriteLine(text);
            }
            else
            {
                await File.WriteAllTextAsync(json, text, cancellationToken);
            }
        }

        return 0;
    }

    private static string Machine()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        return $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, load average {load}";
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new BenchmarkException("The repository root (with Directory.Packages.props) was not found above the program; pass --plugins.");
    }
}
