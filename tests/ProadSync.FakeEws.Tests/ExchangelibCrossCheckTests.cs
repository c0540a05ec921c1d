using System.Diagnostics;

namespace ProadSync.FakeEws.Tests;

/// <summary>
/// Runs an independent EWS client, Debian's python3-exchangelib, against the fake: create, read, update, delete and
/// sync calendar items, tasks and contacts. Needs <c>apt-get install -y python3-exchangelib</c>; without it the test
/// fails (it is never skipped).
/// </summary>
public sealed class ExchangelibCrossCheckTests
{
    private const string Python = "/usr/bin/python3";

    [Test]
    public async Task Exchangelib_can_create_read_update_delete_and_sync_against_the_fake()
    {
        Assert.That(File.Exists(Python), Is.True, $"{Python} is missing: install python3 and python3-exchangelib (apt-get install -y python3-exchangelib).");
        await using var server = await FakeEwsServer.StartAsync(
            new FakeEwsOptions { Users = new Dictionary<string, string> { ["alice"] = "s3cret" } }, CancellationToken.None);
        var script = Path.Combine(TestContext.CurrentContext.TestDirectory, "exchangelib", "check_fake_ews.py");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, server.Endpoint.ToString(), "alice", "s3cret" })
        {
            start.ArgumentList.Add(argument);
        }

        // Keep the child away from proxies: it must talk to 127.0.0.1 directly.
        start.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        start.Environment.Remove("HTTP_PROXY");
        start.Environment.Remove("http_proxy");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        TestContext.Out.WriteLine(output);
        Assert.That(process.ExitCode, Is.Not.EqualTo(3), "python3-exchangelib is not installed: run 'apt-get install -y python3-exchangelib'.\n" + output);
        Assert.That(process.ExitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("exchangelib cross-check passed"));
    }
}
