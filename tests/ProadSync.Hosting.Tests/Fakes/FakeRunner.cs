using System.Collections.Concurrent;
using ProadSync.Hosting.Scheduling;

namespace ProadSync.Hosting.Tests.Fakes;

/// <summary>An account runner that records calls and, when asked, holds each run until the test releases it.</summary>
public sealed class FakeRunner : IAccountRunner
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _gates = new();
    private readonly SemaphoreSlim _entered = new(0);
    private int _current;
    private int _maxConcurrent;

    public ConcurrentQueue<(string Database, long AccountId)> Calls { get; } = new();

    /// <summary>Hold every run until <see cref="Release"/>.</summary>
    public bool Hold { get; set; }

    /// <summary>Replaces the run's body.</summary>
    public Func<string, long, CancellationToken, Task>? Body { get; set; }

    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    public int Current => Volatile.Read(ref _current);

    public async Task RunAsync(string database, long accountId, CancellationToken cancellationToken)
    {
        var now = Interlocked.Increment(ref _current);
        InterlockedMax(ref _maxConcurrent, now);
        Calls.Enqueue((database, accountId));
        _entered.Release();
        try
        {
            if (Body is not null)
            {
                await Body(database, accountId, cancellationToken);
            }
            else if (Hold)
            {
                await _gates.GetOrAdd(accountId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _current);
        }
    }

    /// <summary>Waits until <paramref name="count"/> more runs entered (a safety timeout only, never an assertion on time).</summary>
    public async Task WaitEnteredAsync(int count = 1)
    {
        for (var i = 0; i < count; i++)
        {
            if (!await _entered.WaitAsync(TimeSpan.FromSeconds(30)))
            {
                Assert.Fail($"Only {i} of {count} runs entered.");
            }
        }
    }

    public void Release(long accountId) =>
        _gates.GetOrAdd(accountId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
