using ProadSync.Chaos;
using ProadSync.Reliability.Tests.Support;

namespace ProadSync.Reliability.Tests.Crash;

/// <summary>
/// Bounded crash recovery (the full one: 'proadsync-chaos crash', see docs/reliability.md): the built
/// 'proadsync sync run' is killed with SIGKILL at seeded points of an initial push and of two-way update runs, then
/// run to completion; no duplicate UID or file, every leading item exactly once externally, links consistent.
/// </summary>
[TestFixture]
[Category("R-MODE-2WAY-1"), Category("R-MODE-2WAY-4")]
public sealed class CrashRecoveryTests
{
    private string _work = null!;

    [SetUp]
    public void SetUp() => _work = Repo.TempFolder("proadsync-rel-crash");

    [TearDown]
    public void TearDown() => Repo.DeleteQuietly(_work);

    [TestCase(3)]
    [TestCase(4)]
    [CancelAfter(240_000)]
    public async Task Killing_sync_run_at_random_points_never_duplicates_or_loses_an_item_on_vdir(int seed, CancellationToken cancellationToken)
    {
        var result = await new CrashRunner(new CrashOptions
        {
            Seed = seed,
            Items = 150,
            PushKills = 3,
            UpdateKills = 3,
            UpdateEdits = 20,
            CliPath = CrashOptions.DefaultCliPath(Repo.Root, Repo.Configuration),
            PluginDirectory = Repo.Plugins,
            WorkDirectory = _work,
            Log = TestContext.Out,
        }).RunAsync(cancellationToken);

        TestContext.Out.WriteLine(result);
        Assert.Multiple(() =>
        {
            Assert.That(result.Violations, Is.Empty);
            Assert.That(result.Kills, Is.GreaterThanOrEqualTo(1));
            Assert.That(result.ProgressAtKills, Has.Some.InRange(1, 149), "at least one kill interrupted the push half-way");
        });
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task Killing_sync_run_against_Radicale_never_duplicates_or_loses_an_item(CancellationToken cancellationToken)
    {
        using var radicale = await RadicaleServer.StartAsync();
        var result = await new CrashRunner(new CrashOptions
        {
            Seed = 5,
            Items = 60,
            PushKills = 3,
            UpdateKills = 2,
            UpdateEdits = 10,
            Server = radicale.AsDavServer,
            CliPath = CrashOptions.DefaultCliPath(Repo.Root, Repo.Configuration),
            PluginDirectory = Repo.Plugins,
            WorkDirectory = _work,
            Log = TestContext.Out,
        }).RunAsync(cancellationToken);

        TestContext.Out.WriteLine(result);
        Assert.Multiple(() =>
        {
            Assert.That(result.Violations, Is.Empty);
            Assert.That(result.Kills, Is.GreaterThanOrEqualTo(1));
            Assert.That(result.ProgressAtKills, Has.Some.InRange(1, 59), "at least one kill interrupted the push half-way");
        });
    }
}
