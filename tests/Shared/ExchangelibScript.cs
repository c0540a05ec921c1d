using System.Diagnostics;

namespace ProadSync.Tests.Shared;

/// <summary>
/// Runs the python3-exchangelib scripts (tests/ProadSync.FakeEws.Tests/exchangelib) that cross-check the fake EWS
/// server and the plugin with an independent client. Linked as source into the test projects that use them; each
/// copies the scripts it runs, and <c>ews_check.py</c> they share, into its output folder under <c>exchangelib/</c>. Without python3-exchangelib the
/// caller fails with the install command — never skipped.
/// </summary>
internal static class ExchangelibScript
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Reads the <c>created-id:</c> line the impersonation script prints.</summary>
    public static string CreatedId(string output) =>
        output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("created-id: ", StringComparison.Ordinal))["created-id: ".Length..];

    /// <summary>Runs a script from the exchangelib folder with /usr/bin/python3 and returns its output; asserts exit code 0.</summary>
    public static async Task<string> RunAsync(string script, params string[] arguments)
    {
        Assert.That(File.Exists(Python), Is.True, $"{Python} is missing: install python3 and python3-exchangelib (apt-get install -y python3-exchangelib).");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "exchangelib", script));
        foreach (var argument in arguments)
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
        return output;
    }
}
