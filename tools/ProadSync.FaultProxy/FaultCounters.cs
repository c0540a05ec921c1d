using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ProadSync.FaultProxy;

/// <summary>Counts requests and every fault injected, by kind (thread-safe).</summary>
public sealed class FaultCounters
{
    private readonly ConcurrentDictionary<FaultKind, long> _faults = new();
    private long _requests;
    private long _forwarded;
    private long _upstreamErrors;

    /// <summary>Requests received.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests passed to the upstream server.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Forwarded requests the upstream server itself failed (closed the connection, timed out): answered 502, not injected.</summary>
    public long UpstreamErrors => Interlocked.Read(ref _upstreamErrors);

    /// <summary>Faults injected, all kinds.</summary>
    public long Total => _faults.Values.Sum();

    /// <summary>Faults injected of one kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The count.</returns>
    public long Of(FaultKind kind) => _faults.GetValueOrDefault(kind);

    /// <summary>A snapshot by kind (kinds never injected are left out).</summary>
    /// <returns>The counts.</returns>
    public IReadOnlyDictionary<FaultKind, long> Snapshot() => new SortedDictionary<FaultKind, long>(_faults);

    internal void Request() => Interlocked.Increment(ref _requests);

    internal void Forward() => Interlocked.Increment(ref _forwarded);

    internal void UpstreamError() => Interlocked.Increment(ref _upstreamErrors);

    internal void Fault(FaultKind kind) => _faults.AddOrUpdate(kind, 1, (_, n) => n + 1);

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Requests} requests, {Forwarded} forwarded, {UpstreamErrors} upstream errors, {Total} faults injected");
        var parts = Snapshot().Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}")).ToList();
        if (parts.Count > 0)
        {
            text.Append(" (").Append(string.Join(", ", parts)).Append(')');
        }

        return text.ToString();
    }
}
