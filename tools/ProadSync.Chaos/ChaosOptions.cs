using ProadSync.Core.Leading;
using ProadSync.FaultProxy;
using ProadSync.Hosting.Runs.Resilience;

namespace ProadSync.Chaos;

/// <summary>How a chaos run is shaped.</summary>
public sealed record ChaosOptions
{
    /// <summary>The seed of the edits (and of the proxy's fault schedule).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Rounds per mode.</summary>
    public int Rounds { get; init; } = 10;

    /// <summary>The modes to run (each on a fresh database and calendar).</summary>
    public IReadOnlyList<SyncMode> Modes { get; init; } = [SyncMode.Export, SyncMode.OneWay, SyncMode.TwoWay, SyncMode.Full];

    /// <summary>Edits in the leading system per round.</summary>
    public int LeadingOpsPerRound { get; init; } = 6;

    /// <summary>Edits on the external side per round.</summary>
    public int ExternalOpsPerRound { get; init; } = 4;

    /// <summary>Runs with faults on per round (then clean runs until nothing changes).</summary>
    public int FaultedRunsPerRound { get; init; } = 2;

    /// <summary>The share of requests the proxy faults during faulted runs (CalDAV only).</summary>
    public double FaultRate { get; init; } = 0.15;

    /// <summary>The faults the proxy may inject.</summary>
    public IReadOnlyList<FaultKind> FaultKinds { get; init; } = Enum.GetValues<FaultKind>();

    /// <summary>The Retry-After the proxy sends with 429/503.</summary>
    public TimeSpan ProxyRetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest delay the proxy injects.</summary>
    public TimeSpan ProxyMaxDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>The host's retry policy during the runs.</summary>
    public TargetRetryOptions Retry { get; init; } = new() { MaxRetries = 4, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(500), MaxRetryAfter = TimeSpan.FromSeconds(5) };

    /// <summary>The CalDAV server, or <see langword="null"/> for a vdir folder.</summary>
    public DavServer? Server { get; init; }

    /// <summary>The folder that holds the built plugins (<c>artifacts/plugins</c>).</summary>
    public required string PluginDirectory { get; init; }

    /// <summary>A scratch folder for homes and vdir folders (deleted afterwards by the caller).</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Traces every proxied request (for debugging a violation), if set.</summary>
    public Action<string>? ProxyTrace { get; init; }

    /// <summary>Where progress lines go, if anywhere.</summary>
    public TextWriter? Log { get; init; }
}
