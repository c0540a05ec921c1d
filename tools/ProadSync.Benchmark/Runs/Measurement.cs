using ProadSync.Benchmark.Proxy;

namespace ProadSync.Benchmark.Runs;

/// <summary>One measured phase of one client.</summary>
/// <param name="Client">proadsync or vdirsyncer.</param>
/// <param name="Size">The number of appointments.</param>
/// <param name="Phase">initial, no-change, 10-changed (and settle for the run that reads back our own writes).</param>
/// <param name="WallSeconds">Wall-clock time.</param>
/// <param name="CpuSeconds">Client CPU time (user + system).</param>
/// <param name="Traffic">Requests and bytes the proxy counted.</param>
/// <param name="Note">What the run reported (counts, failures), or empty.</param>
/// <param name="Created">ProadSync: items the run created on the server.</param>
/// <param name="Updated">ProadSync: items the run updated on the server.</param>
/// <param name="Failed">ProadSync: items that failed.</param>
internal sealed record Measurement(string Client, int Size, string Phase, double WallSeconds, double CpuSeconds, ProxyStats Traffic, string Note, int Created = 0, int Updated = 0, int Failed = 0)
{
    /// <summary>Which round of the initial push this is (1 for every other phase; see <c>--rounds</c>).</summary>
    public int Round { get; init; } = 1;

    /// <summary>The run with the median wall time; its note lists every run's time.</summary>
    /// <param name="runs">Repeated runs of one phase (at least one).</param>
    /// <returns>The median run.</returns>
    public static Measurement Median(IReadOnlyList<Measurement> runs)
    {
        var sorted = runs.OrderBy(r => r.WallSeconds).ToList();
        var median = sorted[(sorted.Count - 1) / 2];
        if (runs.Count == 1)
        {
            return median;
        }

        var times = string.Join(" / ", runs.Select(r => r.WallSeconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)));
        return median with { Note = $"median of {runs.Count} ({times} s){(median.Note.Length > 0 ? "; " + median.Note : string.Empty)}" };
    }
}
