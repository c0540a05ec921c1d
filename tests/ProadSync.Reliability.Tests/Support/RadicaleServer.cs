using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ProadSync.Chaos;

namespace ProadSync.Reliability.Tests.Support;

/// <summary>
/// A private Radicale on 127.0.0.1 for this test assembly (config, users and storage in a temp folder). A missing
/// Radicale fails the tests that need it with the way to install it; they are never skipped.
/// </summary>
internal sealed class RadicaleServer : IDisposable
{
    private const string User = "test";
    private const string Password = "chaos-Pa55";
    private readonly Process _process;
    private readonly string _folder;

    private RadicaleServer(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Root = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Root { get; }

    public DavServer AsDavServer => new("radicale", Root, new Uri(Root, $"/{User}/"), User, Password);

    public static async Task<RadicaleServer> StartAsync()
    {
        var executable = new[] { "/usr/bin/radicale", "/usr/local/bin/radicale" }.FirstOrDefault(File.Exists);
        if (executable is null)
        {
            Assert.Fail("Radicale is not installed; run 'tools/dav-servers/servers.sh install' (Debian package radicale) first.");
        }

        var folder = Repo.TempFolder("proadsync-rel-radicale");
        var port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(folder, "users"), $"{User}:{Password}\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "config"), $"""
            [server]
            hosts = 127.0.0.1:{port}
            [auth]
            type = htpasswd
            htpasswd_filename = {Path.Combine(folder, "users")}
            htpasswd_encryption = plain
            delay = 0
            [rights]
            type = owner_only
            [storage]
            filesystem_folder = {Path.Combine(folder, "collections")}
            [web]
            type = none
            [logging]
            level = warning
            """);
        var process = Process.Start(new ProcessStartInfo(executable!, ["--config", Path.Combine(folder, "config")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new RadicaleServer(process, folder, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Options, server.Root);
                using var response = await http.SendAsync(request);
                return server;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        server.Dispose();
        Assert.Fail("Radicale did not answer within 10 s.");
        return server;
    }

    public void Dispose()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        Repo.DeleteQuietly(_folder);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
