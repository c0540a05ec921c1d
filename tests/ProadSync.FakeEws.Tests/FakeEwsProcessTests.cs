using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Xml.Linq;

namespace ProadSync.FakeEws.Tests;

/// <summary>The fake as its own process: <c>--urls</c> on a free loopback port, users from <c>--user</c>, the admin endpoint.</summary>
public sealed class FakeEwsProcessTests
{
    [Test]
    public async Task The_fake_runs_as_a_process_and_takes_faults_through_the_admin_endpoint()
    {
        var port = FreePort();
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "ProadSync.FakeEws.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{port}", "--user", "dave:pw" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            var baseUri = new Uri($"http://127.0.0.1:{port}/");
            using var http = new HttpClient { BaseAddress = baseUri };
            await WaitUntilListeningAsync(http, process);

            using var client = new SoapClient(new Uri(baseUri, "EWS/Exchange.asmx"), "dave", "pw");
            const string getFolder = """<m:GetFolder><m:FolderShape><t:BaseShape>IdOnly</t:BaseShape></m:FolderShape><m:FolderIds><t:DistinguishedFolderId Id="tasks"/></m:FolderIds></m:GetFolder>""";
            var (status, body) = await client.PostAsync(getFolder);
            Assert.That(status, Is.EqualTo(200));
            Assert.That(SoapClient.Code(body!), Is.EqualTo("NoError"));

            using (var busy = await http.PostAsync("fake-admin/server-busy?count=1&backOffMs=42&shape=fault", null))
            {
                Assert.That(busy.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            }

            var (faultStatus, fault) = await client.PostAsync(getFolder);
            Assert.That(faultStatus, Is.EqualTo(500));
            Assert.That(fault!.Descendants(SoapClient.T + "Value").Single().Value, Is.EqualTo("42"));

            using (var auth = await http.PostAsync("fake-admin/auth-failures?count=1", null))
            {
                Assert.That(auth.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            }

            var (authStatus, _) = await client.PostAsync(getFolder);
            Assert.That(authStatus, Is.EqualTo(401));
            var (again, _) = await client.PostAsync(getFolder);
            Assert.That(again, Is.EqualTo(200));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task WaitUntilListeningAsync(HttpClient http, Process process)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                Assert.Fail("The fake exited: " + await process.StandardError.ReadToEndAsync());
            }

            try
            {
                using var response = await http.GetAsync("fake-admin/stats");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        Assert.Fail("The fake did not start listening within 10 seconds.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
