using System.Globalization;
using System.Text;

namespace ProadSync.Chaos;

/// <summary>What a crash-recovery run did and found.</summary>
public sealed class CrashResult
{
    /// <summary>The target.</summary>
    public string Target { get; set; } = "vdir";

    /// <summary>To-dos pushed.</summary>
    public int Items { get; set; }

    /// <summary>Child processes killed with SIGKILL while running.</summary>
    public int Kills { get; set; }

    /// <summary>Kill points that came after the child had already finished (not counted as kills).</summary>
    public int FinishedBeforeKill { get; set; }

    /// <summary>Runs started (killed or not).</summary>
    public int Runs { get; set; }

    /// <summary>External items found at the kill points, summed (how far the killed runs got).</summary>
    public List<int> ProgressAtKills { get; } = [];

    /// <summary>Invariant violations, each with where it was found.</summary>
    public List<string> Violations { get; } = [];

    /// <inheritdoc />
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"target: {Target}");
        text.AppendLine(c, $"items: {Items}");
        text.AppendLine(c, $"runs: {Runs}");
        text.AppendLine(c, $"kills (SIGKILL mid-run): {Kills}; kill points after the run had ended: {FinishedBeforeKill}");
        if (ProgressAtKills.Count > 0)
        {
            text.AppendLine(c, $"external items at the push kills: {string.Join(", ", ProgressAtKills)}");
        }

        text.AppendLine(c, $"violations: {Violations.Count}");
        foreach (var v in Violations.Take(50))
        {
            text.AppendLine(c, $"  {v}");
        }

        return text.ToString();
    }
}
