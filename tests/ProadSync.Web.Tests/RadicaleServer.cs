using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ProadSync.Web.Tests;

/// <summary>A real Radicale (Debian package) on a free 127.0.0.1 port with one user, for the account page's Test button.</summary>
internal sealed class RadicaleServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _root;

    private RadicaleServer(Process process, string root, Uri url)
    {
        _process = process;
        _root = root;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<RadicaleServer> StartAsync(string user, string password)
    {
        if (!File.Exists("/usr/bin/radicale"))
        {
            Assert.Fail("Radicale is not installed; tools/ci/install-deps.sh installs it (apt-get install radicale).");
        }

        var root = Path.Combine(Path.GetTempPath(), "proadsync-web-radicale-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(root, "users"), $"{user}:{password}\n");
        await File.WriteAllTextAsync(Path.Combine(root, "config"), string.Join('\n',
            "[server]", $"hosts = 127.0.0.1:{port}",
            "[auth]", "type = htpasswd", $"htpasswd_filename = {Path.Combine(root, "users")}", "htpasswd_encryption = plain", "delay = 0",
            "[rights]", "type = owner_only",
            "[storage]", $"filesystem_folder = {Path.Combine(root, "collections")}",
            "[web]", "type = none", ""));
        var start = new ProcessStartInfo("/usr/bin/radicale") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(Path.Combine(root, "config"));
        var process = Process.Start(start)!;
        var url = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Options, url), deadline.Token);
                break;
            }
            catch (HttpRequestException) when (!deadline.IsCancellationRequested && !process.HasExited)
            {
                await Task.Delay(100, deadline.Token);
            }
        }

        return new RadicaleServer(process, root, url);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
