namespace ProadSync.FaultProxy;

/// <summary>
/// Decides, from a seed, whether a request gets a fault and which one. Only faults that make sense for the request are
/// chosen (412 on writes, sync-token faults on sync-collection reports with a token).
/// </summary>
public sealed class FaultSchedule
{
    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly FaultProxyOptions _options;

    /// <summary>Creates the schedule.</summary>
    /// <param name="options">The seed, the rate and the kinds.</param>
    public FaultSchedule(FaultProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _random = new Random(options.Seed);
    }

    /// <summary>Whether faults are injected at all (switch off to let a final run through cleanly).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Chooses the fault for one request, or none.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="isSyncReportWithToken">Whether it is a sync-collection REPORT that carries a token.</param>
    /// <returns>The fault, or <see langword="null"/>.</returns>
    public FaultKind? Next(string method, bool isSyncReportWithToken)
    {
        lock (_gate)
        {
            // Draw twice on every request, faulted or not, so the sequence depends only on the seed and request order.
            var roll = _random.NextDouble();
            var pick = _random.Next();
            if (!Enabled || roll >= _options.FaultRate)
            {
                return null;
            }

            var write = method is "PUT" or "DELETE";
            var candidates = _options.Kinds.Where(k => k switch
            {
                FaultKind.PreconditionFailed => write,
                FaultKind.StaleSyncToken or FaultKind.InvalidSyncToken => isSyncReportWithToken,
                _ => true,
            }).ToList();
            return candidates.Count == 0 ? null : candidates[pick % candidates.Count];
        }
    }

    /// <summary>A random delay up to the configured maximum.</summary>
    /// <returns>The delay.</returns>
    public TimeSpan NextDelay()
    {
        lock (_gate)
        {
            return TimeSpan.FromMilliseconds(_random.NextDouble() * _options.MaxDelay.TotalMilliseconds);
        }
    }
}
