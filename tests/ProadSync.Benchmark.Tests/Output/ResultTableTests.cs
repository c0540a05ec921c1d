using ProadSync.Benchmark.Output;
using ProadSync.Benchmark.Proxy;
using ProadSync.Benchmark.Runs;

// Not below ProadSync.Benchmark.Tests: these need no server, so SmokeServers (a set-up fixture of that namespace) does not start any.
namespace ProadSync.Benchmark.OutputTests;

/// <summary>How the benchmark turns rounds of the initial push into the speed-up it reports against the targets.</summary>
public sealed class ResultTableTests
{
    [Test]
    [Description("Issue 4: the initial-push speed-up is the median of the rounds' ratios, each round's two runs back to back")]
    public void The_initial_speed_up_is_the_median_of_the_rounds_ratios()
    {
        var all = new List<Measurement>
        {
            Run("proadsync", Phases.Initial, 10, round: 1), Run("vdirsyncer", Phases.Initial, 14, round: 1), // 1.4×
            Run("vdirsyncer", Phases.Initial, 30, round: 2), Run("proadsync", Phases.Initial, 15, round: 2), // 2.0×
            Run("proadsync", Phases.Initial, 12, round: 3), Run("vdirsyncer", Phases.Initial, 21, round: 3), // 1.75×
        };

        Assert.Multiple(() =>
        {
            Assert.That(ResultTable.RoundSpeedUps(all, 1000, Phases.Initial), Is.EqualTo(new[] { 1.4, 2.0, 1.75 }).Within(1e-9));
            Assert.That(ResultTable.SpeedUp(all, 1000, Phases.Initial), Is.EqualTo(1.75).Within(1e-9));
            var target = ResultTable.Targets(all, 1000, "davical").Single(t => t.Target.StartsWith("initial push", StringComparison.Ordinal));
            Assert.That(target.Met, Is.True);
            Assert.That(target.Measured, Does.Contain("median of 3 rounds").And.Contain("1.4×"), "every round is shown, the worst included");
        });
    }

    [Test]
    [Description("Issue 4: a target is judged on both clients' runs only; an even number of rounds takes the mean of the middle two")]
    public void Rounds_without_a_partner_do_not_count_and_an_even_count_averages_the_middle_two()
    {
        var all = new List<Measurement>
        {
            Run("proadsync", Phases.Initial, 10, round: 1), Run("vdirsyncer", Phases.Initial, 12, round: 1), // 1.2×
            Run("proadsync", Phases.Initial, 10, round: 2), Run("vdirsyncer", Phases.Initial, 18, round: 2), // 1.8×
            Run("proadsync", Phases.Initial, 1, round: 3), // no vdirsyncer run in round 3: not a ratio
        };

        Assert.Multiple(() =>
        {
            Assert.That(ResultTable.SpeedUp(all, 1000, Phases.Initial), Is.EqualTo(1.5).Within(1e-9));
            Assert.That(ResultTable.SpeedUp(all, 1000, Phases.NoChange), Is.Null, "not measured");
            Assert.That(ResultTable.SpeedUp([Run("proadsync", Phases.Initial, 10, round: 1)], 1000, Phases.Initial), Is.Null, "ProadSync alone: not measured, not met");
        });
    }

    [Test]
    [Description("Issue 4: the printed table lists every round and judges the target on the median")]
    public void The_table_lists_every_round()
    {
        var all = new List<Measurement>
        {
            Run("proadsync", Phases.Initial, 10, round: 1), Run("vdirsyncer", Phases.Initial, 14, round: 1),
            Run("vdirsyncer", Phases.Initial, 30, round: 2), Run("proadsync", Phases.Initial, 15, round: 2),
        };
        using var text = new StringWriter();

        ResultTable.Write(text, "davical", all);

        Assert.That(text.ToString(), Does.Contain("| proadsync | initial #1 | 10.000 |").And.Contain("| proadsync | initial #2 | 15.000 |")
            .And.Contain("| vdirsyncer | initial #2 | 30.000 |").And.Contain("initial (median of rounds)"));
    }

    private static Measurement Run(string client, string phase, double seconds, int round) =>
        new(client, 1000, phase, seconds, 1, ProxyStats.Empty, string.Empty) { Round = round };
}
