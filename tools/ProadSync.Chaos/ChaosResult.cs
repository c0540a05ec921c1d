using System.Globalization;
using System.Text;
using ProadSync.FaultProxy;

namespace ProadSync.Chaos;

/// <summary>What a chaos run did and found.</summary>
public sealed class ChaosResult
{
    /// <summary>The target (vdir or the CalDAV server's name).</summary>
    public string Target { get; set; } = "vdir";

    /// <summary>Rounds completed (all modes).</summary>
    public int Rounds { get; set; }

    /// <summary>Sync runs (all).</summary>
    public int Runs { get; set; }

    /// <summary>Runs made with faults on.</summary>
    public int FaultedRuns { get; set; }

    /// <summary>Runs that ended failed (a fault that survived the retries).</summary>
    public int FailedRuns { get; set; }

    /// <summary>Runs that ended partial (some items failed and were retried by a later run).</summary>
    public int PartialRuns { get; set; }

    /// <summary>Edits made in the leading system.</summary>
    public int LeadingOps { get; set; }

    /// <summary>Edits made on the external side.</summary>
    public int ExternalOps { get; set; }

    /// <summary>Faults the proxy injected, by kind.</summary>
    public Dictionary<FaultKind, long> Faults { get; } = [];

    /// <summary>Requests that passed the proxy.</summary>
    public long ProxiedRequests { get; set; }

    /// <summary>Requests the real server itself failed (dropped connections), answered 502 by the proxy; not injected.</summary>
    public long UpstreamErrors { get; set; }

    /// <summary>Retries the host made.</summary>
    public long Retries { get; set; }

    /// <summary>Times the account was switched off after five failed runs in a row (R-ACC-3) and switched on again by the driver.</summary>
    public int AutoDisabled { get; set; }

    /// <summary>Items (leading to-dos) at the end, all modes.</summary>
    public int ItemsAtEnd { get; set; }

    /// <summary>Every invariant violation found, with its round and mode.</summary>
    public List<string> Violations { get; } = [];

    /// <summary>All faults injected.</summary>
    public long FaultsTotal => Faults.Values.Sum();

    /// <summary>Adds a proxy's counts.</summary>
    /// <param name="counters">The counters.</param>
    public void Add(FaultCounters counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ProxiedRequests += counters.Requests;
        UpstreamErrors += counters.UpstreamErrors;
        foreach (var (kind, count) in counters.Snapshot())
        {
            Faults[kind] = Faults.GetValueOrDefault(kind) + count;
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"target: {Target}");
        text.AppendLine(c, $"rounds: {Rounds}");
        text.AppendLine(c, $"runs: {Runs} ({FaultedRuns} with faults; {FailedRuns} failed, {PartialRuns} partial, all recovered by later runs)");
        text.AppendLine(c, $"operations: {LeadingOps + ExternalOps} ({LeadingOps} leading, {ExternalOps} external)");
        text.AppendLine(c, $"requests through the proxy: {ProxiedRequests} (the server itself dropped {UpstreamErrors}, answered 502; not counted as injected)");
        text.AppendLine(c, $"faults injected: {FaultsTotal}{(Faults.Count == 0 ? string.Empty : " (" + string.Join(", ", Faults.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}")) + ")")}");
        text.AppendLine(c, $"retries: {Retries}; accounts auto-disabled and re-enabled: {AutoDisabled}");
        text.AppendLine(c, $"items at the end: {ItemsAtEnd}");
        text.AppendLine(c, $"violations: {Violations.Count}");
        foreach (var v in Violations.Take(50))
        {
            text.AppendLine(c, $"  {v}");
        }

        return text.ToString();
    }
}
