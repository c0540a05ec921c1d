using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace ProadSync.Reliability.Tests.Retry;

/// <summary>
/// A fake clock that also records every one-shot wait asked of it (<see cref="TimeProvider.CreateTimer"/> with a due
/// time and no period, which is what <c>Task.Delay(…, TimeProvider)</c> and Polly's back-off use). Tests assert on the
/// waits the policy asked for, not on how far the clock was driven: a driver that advances the clock in steps also
/// moves it while the code under test is busy on another thread, by a different amount on a loaded machine.
/// </summary>
internal sealed class RecordingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    /// <summary>The one-shot waits asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (period == Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Enqueue(dueTime);
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
