using System.Diagnostics;
using System.Text.Json;
using ProadSync.Benchmark.Proxy;
using ProadSync.PluginHost;

namespace ProadSync.Benchmark.Runs;

/// <summary>
/// ProadSync's series in a child process of its own, so that every initial push starts cold — as <c>proadsync sync
/// run</c> and the first run of a freshly started <c>proadsync serve</c> do, and as vdirsyncer does (a new process per
/// run). Without it a second round would run on code the first round had already compiled. The child is this program
/// with the argument <c>proadsync-series</c>: it reads its request as JSON from standard input (the password never
/// appears on a command line), writes its progress to standard output and its measurements as one last JSON line.
/// </summary>
internal static class ProadSyncProcess
{
    /// <summary>The child's argument.</summary>
    public const string Command = "proadsync-series";

    private const string ResultPrefix = "RESULT ";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>What the child measures.</summary>
    /// <param name="Series">The series.</param>
    /// <param name="Proxy">The counting proxy's base URL (its counts are read from the child).</param>
    /// <param name="PluginRoot">The plugin folder.</param>
    /// <param name="WorkDirectory">Where the SQLite file goes.</param>
    internal sealed record Request(ProadSyncWorkload.Series Series, Uri Proxy, string PluginRoot, string WorkDirectory);

    /// <summary>Runs the series in a new process and waits for its measurements.</summary>
    /// <param name="request">What to measure.</param>
    /// <param name="log">Where the child's progress lines go.</param>
    /// <param name="cancellationToken">Cancels the wait (and ends the child).</param>
    /// <returns>The measurements.</returns>
    /// <exception cref="BenchmarkException">The child failed.</exception>
    public static async Task<IReadOnlyList<Measurement>> RunAsync(Request request, TextWriter log, CancellationToken cancellationToken)
    {
        using var process = Process.Start(SelfProcess.StartInfo(Command))
            ?? throw new BenchmarkException("The process for ProadSync's runs could not be started.");
        try
        {
            await process.StandardInput.WriteAsync(JsonSerializer.Serialize(request, Json).AsMemory(), cancellationToken);
            process.StandardInput.Close();
            string? result = null;
            while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
                {
                    result = line[ResultPrefix.Length..];
                }
                else
                {
                    log.WriteLine(line);
                }
            }

            await process.WaitForExitAsync(cancellationToken);
            return process.ExitCode == 0 && result is not null
                ? JsonSerializer.Deserialize<List<Measurement>>(result, Json) ?? []
                : throw new BenchmarkException($"ProadSync's runs of {request.Series.Size} (a child process) ended with exit code {process.ExitCode}; its messages are above.");
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>The child: reads the request, runs the series, prints the measurements.</summary>
    /// <param name="input">The request (standard input).</param>
    /// <param name="output">Progress and the result line (standard output).</param>
    /// <param name="cancellationToken">Cancels the runs.</param>
    /// <returns>The exit code.</returns>
    /// <exception cref="BenchmarkException">The request is missing or a run failed.</exception>
    public static async Task<int> ChildAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize<Request>(await input.ReadToEndAsync(cancellationToken), Json)
            ?? throw new BenchmarkException("The child process got no request.");
        var hostOptions = new PluginHostOptions();
        hostOptions.RootDirectories.Add(request.PluginRoot);
        using var plugins = PluginCatalogFactory.Create(hostOptions, timeProvider: TimeProvider.System);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var workload = new ProadSyncWorkload(plugins, c => ProxyProcess.ReadAsync(http, request.Proxy, c), TimeProvider.System, request.WorkDirectory, output);
        var results = await workload.RunAsync(request.Series, cancellationToken);
        await output.WriteLineAsync(ResultPrefix + JsonSerializer.Serialize(results, Json));
        return 0;
    }
}
