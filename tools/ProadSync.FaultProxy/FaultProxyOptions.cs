namespace ProadSync.FaultProxy;

/// <summary>What the proxy forwards to and which faults it injects how often.</summary>
public sealed record FaultProxyOptions
{
    /// <summary>The upstream base URL; its host must be the literal 127.0.0.1 (nothing else is ever contacted).</summary>
    public required Uri Upstream { get; init; }

    /// <summary>The port to listen on (127.0.0.1 only); 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The seed of the fault schedule: the same seed and the same request sequence give the same faults.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The share of requests that get a fault (0 to 1).</summary>
    public double FaultRate { get; init; } = 0.1;

    /// <summary>The faults to choose from; all by default.</summary>
    public IReadOnlyList<FaultKind> Kinds { get; init; } = Enum.GetValues<FaultKind>();

    /// <summary>The longest injected delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The Retry-After value sent with 429 and 503.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Called with one line per request (method, path, fault, upstream status), for tracing; <see langword="null"/> for none.</summary>
    public Action<string>? Trace { get; init; }

    /// <summary>How long the proxy waits for the upstream server.</summary>
    public TimeSpan UpstreamTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
