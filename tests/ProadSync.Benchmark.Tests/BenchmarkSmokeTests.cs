using ProadSync.Benchmark.Proxy;
using ProadSync.Benchmark.Runs;
using ProadSync.Benchmark.Servers;
using ProadSync.PluginHost;

namespace ProadSync.Benchmark.Tests;

/// <summary>
/// The benchmark's workload, bounded to 50 appointments on DAViCal: the same host path (engine + caldav plugin from
/// artifacts/plugins + SQLite store), requests counted by the same proxy (in-process here). Counts only, no times.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    private const int Size = 50;

    [Test]
    [Description("Issue 4: a no-change run costs one request per collection; 10 changes cost 10 PUTs and the ctag read")]
    public async Task Fifty_appointments_on_DAViCal_a_no_change_run_is_one_request()
    {
        var endpoint = new ServerEndpoint("davical", new Uri(SmokeServers.Env["DAVICAL_HOME"]), SmokeServers.Env["DAV_USER"], SmokeServers.Env["DAV_PASSWORD"]);
        var calendar = await CalendarMaker.CreateAsync(endpoint, "bench-smoke-" + Guid.NewGuid().ToString("N")[..8], CancellationToken.None);
        await using var proxy = await CountingProxy.StartAsync(calendar, CancellationToken.None);
        var options = new PluginHostOptions();
        options.RootDirectories.Add(Path.Combine(SmokeServers.RepoRoot, "artifacts", "plugins"));
        using var plugins = PluginCatalogFactory.Create(options);
        var work = Path.Combine(Path.GetTempPath(), "proadsync-bench-smoke-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var workload = new ProadSyncWorkload(plugins, _ => Task.FromResult(proxy.Snapshot()), TimeProvider.System, work, TestContext.Progress);

            var runs = await workload.RunAsync(new ProadSyncWorkload.Series
            {
                Size = Size,
                Calendar = proxy.Through(calendar),
                User = endpoint.User,
                Password = endpoint.Password,
            }, CancellationToken.None);

            var byPhase = runs.ToDictionary(r => r.Phase);
            Assert.Multiple(() =>
            {
                Assert.That(runs.Sum(r => r.Failed), Is.Zero, "no item failed");
                Assert.That(byPhase[Phases.Initial].Created, Is.EqualTo(Size));
                Assert.That(byPhase[Phases.Initial].Traffic.ByMethod.GetValueOrDefault("PUT"), Is.GreaterThanOrEqualTo(Size));
                Assert.That(byPhase[Phases.NoChange].Traffic.Requests, Is.EqualTo(1), $"one request for the one calendar, got {byPhase[Phases.NoChange].Traffic.MethodsText()}");
                Assert.That(byPhase[Phases.NoChange].Traffic.ByMethod.GetValueOrDefault("PROPFIND"), Is.EqualTo(1));
                Assert.That(byPhase[Phases.Changed].Updated, Is.EqualTo(10));
                Assert.That(byPhase[Phases.Changed].Traffic.Requests, Is.EqualTo(11), $"the ctag read and 10 PUTs, got {byPhase[Phases.Changed].Traffic.MethodsText()}");
            });
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
