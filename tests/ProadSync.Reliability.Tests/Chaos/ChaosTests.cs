using ProadSync.Chaos;
using ProadSync.Core.Leading;
using ProadSync.Reliability.Tests.Support;

namespace ProadSync.Reliability.Tests.Chaos;

/// <summary>
/// Bounded randomised end-to-end runs (the full ones: 'proadsync-chaos chaos', see docs/reliability.md): random edits
/// on both sides in every mode, runs with faults, and after each round no loss, no duplicate, leading wins, the mode's
/// semantics and consistent links.
/// </summary>
[TestFixture]
[Category("R-GEN-1"), Category("R-MODE-EXPORT-1"), Category("R-MODE-1WAY-2"), Category("R-MODE-2WAY-1"), Category("R-MODE-2WAY-4"), Category("R-MODE-FULL-1")]
public sealed class ChaosTests
{
    private string _work = null!;

    [SetUp]
    public void SetUp() => _work = Repo.TempFolder("proadsync-rel-chaos");

    [TearDown]
    public void TearDown() => Repo.DeleteQuietly(_work);

    [TestCase(SyncMode.Export, 11)]
    [TestCase(SyncMode.OneWay, 12)]
    [TestCase(SyncMode.TwoWay, 13)]
    [TestCase(SyncMode.Full, 14)]
    [CancelAfter(120_000)]
    public async Task On_a_vdir_folder_random_edits_on_both_sides_never_lose_or_duplicate_anything(SyncMode mode, int seed, CancellationToken cancellationToken)
    {
        var result = await new ChaosRunner(new ChaosOptions
        {
            Seed = seed,
            Rounds = 6,
            Modes = [mode],
            LeadingOpsPerRound = 8,
            ExternalOpsPerRound = 5,
            PluginDirectory = Repo.Plugins,
            WorkDirectory = _work,
        }).RunAsync(cancellationToken);

        TestContext.Out.WriteLine(result);
        Assert.Multiple(() =>
        {
            Assert.That(result.Violations, Is.Empty);
            Assert.That(result.Rounds, Is.EqualTo(6));
            Assert.That(result.LeadingOps, Is.EqualTo(48));
            Assert.That(result.ExternalOps, Is.EqualTo(30));
            Assert.That(result.ItemsAtEnd, Is.GreaterThan(5), "the run did real work");
        });
    }
}
