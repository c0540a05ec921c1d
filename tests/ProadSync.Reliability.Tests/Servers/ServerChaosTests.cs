using ProadSync.Chaos;
using ProadSync.Core.Leading;
using ProadSync.Reliability.Tests.Support;

namespace ProadSync.Reliability.Tests.Servers;

/// <summary>
/// Bounded chaos runs against Radicale, DAViCal and Xandikos behind the fault proxy (the full ones: 'proadsync-chaos
/// chaos --target radicale|davical|xandikos', see docs/reliability.md): random edits on both sides, runs with faults,
/// and after each round no loss, no duplicate, leading wins, the mode's semantics and consistent links.
/// </summary>
[TestFixture]
[Category("R-GEN-1"), Category("R-MODE-EXPORT-1"), Category("R-MODE-1WAY-2"), Category("R-MODE-2WAY-1"), Category("R-MODE-2WAY-4"), Category("R-MODE-FULL-1")]
public sealed class ServerChaosTests
{
    private string _work = null!;

    [SetUp]
    public void SetUp() => _work = Repo.TempFolder("proadsync-rel-chaos-server");

    [TearDown]
    public void TearDown() => Repo.DeleteQuietly(_work);

    private async Task<ChaosResult> RunAsync(DavServer server, SyncMode mode, int seed, CancellationToken cancellationToken)
    {
        var result = await new ChaosRunner(new ChaosOptions
        {
            Seed = seed,
            Rounds = 4,
            Modes = [mode],
            LeadingOpsPerRound = 6,
            ExternalOpsPerRound = 4,
            FaultedRunsPerRound = 2,
            FaultRate = 0.25,
            ProxyRetryAfter = TimeSpan.Zero,
            ProxyMaxDelay = TimeSpan.FromMilliseconds(50),
            Server = server,
            PluginDirectory = Repo.Plugins,
            WorkDirectory = _work,
        }).RunAsync(cancellationToken);
        TestContext.Out.WriteLine(result);
        return result;
    }

    private static void AssertClean(ChaosResult result, string server)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.Target, Is.EqualTo(server));
            Assert.That(result.Violations, Is.Empty);
            Assert.That(result.Rounds, Is.EqualTo(4));
            Assert.That(result.LeadingOps, Is.EqualTo(24));
            Assert.That(result.ExternalOps, Is.EqualTo(16));
            Assert.That(result.FaultsTotal, Is.GreaterThan(0), "faults were injected");
            Assert.That(result.ItemsAtEnd, Is.GreaterThan(3), "the run did real work");
        });
    }

    [TestCase(SyncMode.Export, 21)]
    [TestCase(SyncMode.OneWay, 22)]
    [TestCase(SyncMode.TwoWay, 23)]
    [TestCase(SyncMode.Full, 24)]
    [CancelAfter(240_000)]
    public async Task On_Radicale_behind_the_fault_proxy_nothing_is_lost_or_duplicated(SyncMode mode, int seed, CancellationToken cancellationToken)
    {
        using var radicale = await RadicaleServer.StartAsync();
        AssertClean(await RunAsync(radicale.AsDavServer, mode, seed, cancellationToken), "radicale");
    }

    [TestCase(SyncMode.Export, 41)]
    [TestCase(SyncMode.OneWay, 42)]
    [TestCase(SyncMode.TwoWay, 43)]
    [TestCase(SyncMode.Full, 44)]
    [CancelAfter(240_000)]
    public async Task On_DAViCal_behind_the_fault_proxy_nothing_is_lost_or_duplicated(SyncMode mode, int seed, CancellationToken cancellationToken) =>
        AssertClean(await RunAsync(DavServers.Get("davical"), mode, seed, cancellationToken), "davical");

    [TestCase(SyncMode.TwoWay, 53)]
    [TestCase(SyncMode.Full, 54)]
    [CancelAfter(240_000)]
    public async Task On_Xandikos_behind_the_fault_proxy_nothing_is_lost_or_duplicated(SyncMode mode, int seed, CancellationToken cancellationToken) =>
        AssertClean(await RunAsync(DavServers.Get("xandikos"), mode, seed, cancellationToken), "xandikos");
}
