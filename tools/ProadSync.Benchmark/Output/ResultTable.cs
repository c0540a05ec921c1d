using System.Globalization;
using System.Text;
using System.Text.Json;
using ProadSync.Benchmark.Runs;

namespace ProadSync.Benchmark.Output;

/// <summary>Prints the measurements as a table per size, the ratios and whether the targets of issue 4 are met.</summary>
internal static class ResultTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private static readonly string[] PhaseOrder = [Phases.Initial, Phases.Settle, Phases.NoChange, Phases.Changed];

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>
    /// The speed-up vdirsyncer time / ProadSync time of a phase, or <see langword="null"/> without both. With several
    /// rounds of the initial push it is the median of the rounds' ratios (each round's two runs ran back to back).
    /// </summary>
    /// <param name="all">All measurements.</param>
    /// <param name="size">The size.</param>
    /// <param name="phase">The phase.</param>
    /// <returns>The factor.</returns>
    public static double? SpeedUp(IReadOnlyList<Measurement> all, int size, string phase)
    {
        var ratios = RoundSpeedUps(all, size, phase);
        if (ratios.Count == 0)
        {
            return null;
        }

        var sorted = ratios.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The speed-up of each round in which both clients ran the phase, in round order.</summary>
    /// <param name="all">All measurements.</param>
    /// <param name="size">The size.</param>
    /// <param name="phase">The phase.</param>
    /// <returns>The factors (empty when no round has both).</returns>
    public static IReadOnlyList<double> RoundSpeedUps(IReadOnlyList<Measurement> all, int size, string phase) =>
        all.Where(m => m.Client == "proadsync" && m.Size == size && m.Phase == phase && m.WallSeconds > 0)
            .Join(
                all.Where(m => m.Client == "vdirsyncer" && m.Size == size && m.Phase == phase),
                p => p.Round,
                v => v.Round,
                (p, v) => (p.Round, Factor: v.WallSeconds / p.WallSeconds))
            .OrderBy(r => r.Round)
            .Select(r => r.Factor)
            .ToList();

    /// <summary>The targets of issue 4 for one size, each with whether it is met (null: not measured).</summary>
    /// <param name="all">All measurements.</param>
    /// <param name="size">The size.</param>
    /// <param name="server">The server's name.</param>
    /// <returns>The targets.</returns>
    public static IReadOnlyList<(string Target, bool? Met, string Measured)> Targets(IReadOnlyList<Measurement> all, int size, string server)
    {
        var result = new List<(string, bool?, string)>();
        if (all.FirstOrDefault(m => m.Client == "proadsync" && m.Size == size && m.Phase == Phases.NoChange) is { } quiet)
        {
            result.Add(("no-change run: 1 request per collection", quiet.Traffic.Requests <= 1, $"{quiet.Traffic.Requests} ({quiet.Traffic.MethodsText()})"));
        }

        var factor = size >= 5000 ? 100 : 30;
        var noChange = SpeedUp(all, size, Phases.NoChange);
        result.Add(($"no-change run ≥ {factor}× faster than vdirsyncer", noChange is null ? null : noChange >= factor, Factor(noChange)));
        var initial = SpeedUp(all, size, Phases.Initial);
        var rounds = RoundSpeedUps(all, size, Phases.Initial);
        var initialTarget = server == "davical" ? "initial push ≥ 1.5× faster than vdirsyncer (DAViCal)" : "initial push ≥ 1.5× faster than vdirsyncer (target set for DAViCal)";
        var measured = rounds.Count > 1
            ? $"{Factor(initial)}, median of {rounds.Count} rounds: {string.Join(" / ", rounds.Select(r => Factor(r)))}"
            : Factor(initial);
        result.Add((initialTarget, initial is null ? null : initial >= 1.5, measured));
        return result;
    }

    /// <summary>Writes the table.</summary>
    /// <param name="writer">Where to.</param>
    /// <param name="server">The server.</param>
    /// <param name="all">The measurements.</param>
    public static void Write(TextWriter writer, string server, IReadOnlyList<Measurement> all)
    {
        foreach (var size in all.Select(m => m.Size).Distinct())
        {
            writer.WriteLine();
            writer.WriteLine(string.Create(C, $"### {server}, {size} appointments"));
            writer.WriteLine();
            writer.WriteLine("| client | phase | wall s | client CPU s | server s | requests | by method | KiB sent / received | run |");
            writer.WriteLine("|---|---|---:|---:|---:|---:|---|---:|---|");
            foreach (var m in all.Where(m => m.Size == size).OrderBy(m => m.Client, StringComparer.Ordinal).ThenBy(m => Array.IndexOf(PhaseOrder, m.Phase)).ThenBy(m => m.Round))
            {
                var phase = all.Count(o => o.Client == m.Client && o.Size == size && o.Phase == m.Phase) > 1 ? $"{m.Phase} #{m.Round}" : m.Phase;
                writer.WriteLine(string.Create(C,
                    $"| {m.Client} | {phase} | {m.WallSeconds:0.000} | {m.CpuSeconds:0.000} | {m.Traffic.ServerSeconds:0.000} | {m.Traffic.Requests} | {m.Traffic.MethodsText()} | {m.Traffic.BytesSent / 1024.0:0.0} / {m.Traffic.BytesReceived / 1024.0:0.0} | {m.Note} |"));
            }

            if (all.Any(m => m.Client == "vdirsyncer" && m.Size == size))
            {
                writer.WriteLine();
                writer.WriteLine("| phase | ProadSync / vdirsyncer time | speed-up | CPU ProadSync / vdirsyncer | requests ProadSync / vdirsyncer |");
                writer.WriteLine("|---|---:|---:|---:|---:|");
                foreach (var phase in new[] { Phases.Initial, Phases.NoChange, Phases.Changed })
                {
                    var p = Typical(all, "proadsync", size, phase);
                    var v = Typical(all, "vdirsyncer", size, phase);
                    if (p is null || v is null || SpeedUp(all, size, phase) is not { } factor)
                    {
                        continue;
                    }

                    var label = RoundSpeedUps(all, size, phase).Count > 1 ? $"{phase} (median of rounds)" : phase;
                    writer.WriteLine(string.Create(C,
                        $"| {label} | {1 / factor:0.0000} | {Factor(factor)} | {p.CpuSeconds:0.000} / {v.CpuSeconds:0.000} | {p.Traffic.Requests} / {v.Traffic.Requests} |"));
                }
            }

            writer.WriteLine();
            foreach (var (target, met, measured) in Targets(all, size, server))
            {
                var verdict = met switch { true => "met", false => "NOT met", null => "not measured" };
                writer.WriteLine($"- {target}: **{verdict}** ({measured})");
            }
        }
    }

    /// <summary>The figures as JSON.</summary>
    /// <param name="server">The server.</param>
    /// <param name="machine">A line about the machine.</param>
    /// <param name="all">The measurements.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(string server, string machine, IReadOnlyList<Measurement> all)
    {
        var sizes = all.Select(m => m.Size).Distinct().Select(size => new
        {
            size,
            speedUp = new Dictionary<string, double?>
            {
                [Phases.Initial] = SpeedUp(all, size, Phases.Initial),
                [Phases.NoChange] = SpeedUp(all, size, Phases.NoChange),
                [Phases.Changed] = SpeedUp(all, size, Phases.Changed),
            },
            targets = Targets(all, size, server).Select(t => new { target = t.Target, met = t.Met, measured = t.Measured }),
        });
        return JsonSerializer.Serialize(
            new { server, machine, measurements = all, sizes },
            JsonOptions);
    }

    /// <summary>A client's run of a phase whose wall time is the median over the rounds (the only run without rounds).</summary>
    private static Measurement? Typical(IReadOnlyList<Measurement> all, string client, int size, string phase)
    {
        var runs = all.Where(m => m.Client == client && m.Size == size && m.Phase == phase).OrderBy(m => m.WallSeconds).ToList();
        return runs.Count == 0 ? null : runs[(runs.Count - 1) / 2];
    }

    private static string Factor(double? f) => f is null ? "-" : string.Create(C, $"{f:0.0}×");
}
