using System.Diagnostics;
using System.Net.Http.Json;

namespace ProadSync.Benchmark.Proxy;

/// <summary>
/// The counting proxy in a child process of its own, so its CPU time is not counted as the client's. The child is this
/// program with the argument <c>proxy UPSTREAM</c>; it prints its URL and ends when its standard input closes.
/// </summary>
internal sealed class ProxyProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _stats = new() { Timeout = TimeSpan.FromSeconds(30) };

    private ProxyProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    /// <summary>The proxy's base URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The child's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the child and waits for its URL.</summary>
    /// <param name="upstream">Any URL of the server.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The running proxy.</returns>
    public static async Task<ProxyProcess> StartAsync(Uri upstream, CancellationToken cancellationToken)
    {
        var psi = SelfProcess.StartInfo("proxy", upstream.ToString());
        var process = Process.Start(psi) ?? throw new InvalidOperationException("The proxy process could not be started.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("The proxy process ended before it listened.");
            if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                return new ProxyProcess(process, new Uri(line["LISTENING ".Length..].Trim()));
            }
        }
    }

    /// <summary>The same URL, but through the proxy.</summary>
    /// <param name="url">A URL of the upstream server.</param>
    /// <returns>The proxied URL.</returns>
    public Uri Through(Uri url) => new(BaseUrl, url.PathAndQuery);

    /// <summary>Reads the counts so far.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot.</returns>
    public Task<ProxyStats> SnapshotAsync(CancellationToken cancellationToken) => ReadAsync(_stats, BaseUrl, cancellationToken);

    /// <summary>Reads the counts of the proxy at <paramref name="baseUrl"/> (from any process).</summary>
    /// <param name="http">The client to ask with.</param>
    /// <param name="baseUrl">The proxy's base URL.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot.</returns>
    public static async Task<ProxyStats> ReadAsync(HttpClient http, Uri baseUrl, CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<ProxyStats>(new Uri(baseUrl, CountingProxy.StatsPath), cancellationToken)
        ?? ProxyStats.Empty;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _stats.Dispose();
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
