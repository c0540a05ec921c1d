using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ProadSync.Abstractions.Errors;
using ProadSync.Abstractions.Models;
using ProadSync.Abstractions.Targets;
using ProadSync.Core.Leading;
using ProadSync.Core.Mapping;
using ProadSync.Core.Sync;
using ProadSync.Hosting.Runs.Resilience;
using ProadSync.TestKit;

namespace ProadSync.Reliability.Tests.Retry;

/// <summary>
/// The host's retry policy around targets: transient errors retried with bounded back-off on a fake clock,
/// Retry-After honoured, authentication never retried, writes retried without duplicates, failures isolated per item.
/// </summary>
[TestFixture]
public sealed class RetryPolicyTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateRange Window = new(Start.AddMonths(-12), Start.AddMonths(12));

    private RecordingTimeProvider _time = null!;
    private InMemoryCalendarTarget _inner = null!;
    private RetryStatistics _stats = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new RecordingTimeProvider(Start);
        _inner = new InMemoryCalendarTarget();
        _stats = new RetryStatistics();
    }

    [TearDown]
    public async Task TearDown() => await _inner.DisposeAsync();

    private ICalendarTarget Wrap(TargetRetryOptions? options = null) =>
        TargetResilience.Wrap(_inner, options ?? new TargetRetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) }, _time, _stats, randomizer: () => 0.5);

    private static TransientTargetException Transient(TimeSpan? retryAfter = null) => new("The server is busy (503).", retryAfter);

    /// <summary>Advances the fake clock in steps until the task ends; bounded so a broken policy fails instead of hanging.</summary>
    private async Task<T> DriveAsync<T>(Task<T> task, TimeSpan step, int maxSteps = 10_000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            _time.Advance(step);

            // A moment of real time for the policy's continuation to run on a busy thread pool; ends at once when done.
            await Task.WhenAny(task, Task.Delay(1));
        }

        Assert.That(task.IsCompleted, Is.True, "the call did not end within the bounded number of clock steps");
        return await task;
    }

    [Test]
    public async Task A_transient_error_is_retried_and_the_call_succeeds()
    {
        _inner.Faults.FailNth(TargetOperation.GetChanges, 1, () => Transient());
        _inner.Faults.FailNth(TargetOperation.GetChanges, 2, () => Transient());
        var target = Wrap();

        var changes = await DriveAsync(target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None), TimeSpan.FromMilliseconds(100));

        Assert.Multiple(() =>
        {
            Assert.That(changes.IsFullListing, Is.True);
            Assert.That(_inner.Faults.Calls(TargetOperation.GetChanges), Is.EqualTo(3));
            Assert.That(_stats.Retries, Is.EqualTo(2));
            Assert.That(_stats.Recovered, Is.EqualTo(1));
            Assert.That(_stats.Exhausted, Is.Zero);
        });
    }

    [Test]
    public async Task Retry_After_is_honoured_to_the_tick_of_the_fake_clock()
    {
        _inner.Faults.FailNth(TargetOperation.GetChanges, 1, () => Transient(TimeSpan.FromSeconds(7)));
        var target = Wrap();

        var call = target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(6.9));
        await Task.Yield();
        Assert.That(_inner.Faults.Calls(TargetOperation.GetChanges), Is.EqualTo(1), "no second attempt before Retry-After has passed");

        await DriveAsync(call, TimeSpan.FromMilliseconds(50));
        Assert.Multiple(() =>
        {
            Assert.That(_inner.Faults.Calls(TargetOperation.GetChanges), Is.EqualTo(2));
            Assert.That(_stats.RetryAfterHonoured, Is.EqualTo(1));
            Assert.That(_time.Waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(7) }), "the one wait was Retry-After, not the back-off");
        });
    }

    [Test]
    public async Task A_Retry_After_longer_than_allowed_fails_the_call_at_once()
    {
        _inner.Faults.FailNth(TargetOperation.GetChanges, 1, () => Transient(TimeSpan.FromHours(1)));
        var target = Wrap(new TargetRetryOptions { MaxRetryAfter = TimeSpan.FromMinutes(2) });

        Assert.ThrowsAsync<TransientTargetException>(() => target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(_inner.Faults.Calls(TargetOperation.GetChanges), Is.EqualTo(1));
            Assert.That(_stats.RetryAfterTooLong, Is.EqualTo(1));
        });
        await Task.CompletedTask;
    }

    [Test, Category("R-ACC-3")]
    public void Authentication_errors_are_never_retried()
    {
        _inner.Faults.FailAlways(TargetOperation.GetChanges, () => new TargetAuthenticationException("The server refused the password (401)."));
        var target = Wrap();

        Assert.ThrowsAsync<TargetAuthenticationException>(() => target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(_inner.Faults.Calls(TargetOperation.GetChanges), Is.EqualTo(1));
            Assert.That(_stats.Retries, Is.Zero);
        });
    }

    [Test]
    public void Configuration_and_per_item_errors_are_not_retried()
    {
        _inner.Faults.FailNth(TargetOperation.Update, 1, () => new ItemRejectedException("The server refused the item (415)."));
        _inner.Faults.FailNth(TargetOperation.Delete, 1, () => new VersionConflictException("x.ics"));
        _inner.Faults.FailNth(TargetOperation.Get, 1, () => new TargetConfigurationException("The collection does not exist."));
        var target = Wrap();
        var any = new ExternalItemRef("x.ics", new ItemVersion("1"));

        Assert.ThrowsAsync<ItemRejectedException>(() => target.UpdateAsync(TodoKind.Appointment, any, new CalendarItem { Kind = TodoKind.Appointment }, CancellationToken.None));
        Assert.ThrowsAsync<VersionConflictException>(() => target.DeleteAsync(TodoKind.Appointment, any, CancellationToken.None));
        Assert.ThrowsAsync<TargetConfigurationException>(() => target.GetAsync(TodoKind.Appointment, ["x.ics"], CancellationToken.None));
        Assert.That(_stats.Retries, Is.Zero);
    }

    [Test]
    public async Task Retries_are_bounded_and_the_last_error_reaches_the_caller()
    {
        _inner.Faults.FailAlways(TargetOperation.GetChanges, () => Transient());
        var target = Wrap(new TargetRetryOptions { MaxRetries = 4, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) });

        var call = target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
        var ex = await DriveAsync(call.ContinueWith(t => t.Exception?.InnerException, TaskScheduler.Default), TimeSpan.FromMilliseconds(250));

        Assert.Multiple(() =>
        {
            Assert.That(ex, Is.TypeOf<TransientTargetException>());
            Assert.That(_inner.Faults.Calls(TargetOperation.GetChanges), Is.EqualTo(5), "one attempt plus four retries");
            Assert.That(_stats.Exhausted, Is.EqualTo(1));
            Assert.That(_time.Waits, Has.Count.EqualTo(4), "one wait before each retry");
            Assert.That(_time.Waits, Has.All.GreaterThan(TimeSpan.Zero).And.All.LessThanOrEqualTo(TimeSpan.FromSeconds(5)), "no wait exceeds MaxDelay");
        });
    }

    [Test]
    public async Task Back_off_grows_between_attempts()
    {
        var attempts = new List<DateTimeOffset>();
        var recorder = new RecordingTarget(_inner, () => attempts.Add(_time.GetUtcNow()), failFirst: 3);
        var target = TargetResilience.Wrap(recorder, new TargetRetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.FromSeconds(2), UseJitter = false }, _time, _stats);

        await DriveAsync(target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None), TimeSpan.FromMilliseconds(100));

        Assert.That(attempts, Has.Count.EqualTo(4));
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => b - a).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(gaps[0], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(gaps[1], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(4)));
            Assert.That(gaps[2], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(8)));
        });
    }

    [Test]
    public async Task Jittered_waits_differ_with_the_random_source_but_stay_bounded()
    {
        var a = await WaitsAsync(() => 0.1);
        var b = await WaitsAsync(() => 0.9);
        Assert.Multiple(() =>
        {
            Assert.That(a, Is.Not.EqualTo(b), "jitter spreads the waits");
            Assert.That(a, Has.Count.EqualTo(3).And.All.LessThanOrEqualTo(TimeSpan.FromSeconds(10)));
            Assert.That(b, Has.Count.EqualTo(3).And.All.LessThanOrEqualTo(TimeSpan.FromSeconds(10)));
        });
    }

    private async Task<IReadOnlyList<TimeSpan>> WaitsAsync(Func<double> random)
    {
        var time = new RecordingTimeProvider(Start);
        var inner = new InMemoryCalendarTarget();
        inner.Faults.FailNth(TargetOperation.GetChanges, 1, () => Transient());
        inner.Faults.FailNth(TargetOperation.GetChanges, 2, () => Transient());
        inner.Faults.FailNth(TargetOperation.GetChanges, 3, () => Transient());
        var target = TargetResilience.Wrap(inner, new TargetRetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10) }, time, null, random);
        var call = target.GetChangesAsync(TodoKind.Appointment, null, Window, CancellationToken.None);
        for (var i = 0; i < 10_000 && !call.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Yield();
        }

        Assert.That(call.IsCompleted, Is.True);
        await call;
        return time.Waits;
    }

    [Test]
    public async Task Cancellation_during_a_wait_ends_the_call()
    {
        _inner.Faults.FailAlways(TargetOperation.GetChanges, () => Transient(TimeSpan.FromSeconds(60)));
        var target = Wrap();
        using var cts = new CancellationTokenSource();
        var call = target.GetChangesAsync(TodoKind.Appointment, null, Window, cts.Token);
        await cts.CancelAsync();
        Assert.That(async () => await call, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(_inner.Faults.Calls(TargetOperation.GetChanges), Is.EqualTo(1));
    }

    [Test]
    public async Task A_create_whose_response_was_lost_is_retried_without_a_duplicate()
    {
        _inner.Faults.FailNth(TargetOperation.Create, 1, () => Transient(), afterEffect: true);
        var target = Wrap();
        var item = new CalendarItem { Kind = TodoKind.Appointment, Subject = "Once", Start = Start.AddDays(1), End = Start.AddDays(1).AddHours(1) };

        var result = await DriveAsync(target.CreateAsync(TodoKind.Appointment, "proadsync-demo-1", item, CancellationToken.None), TimeSpan.FromMilliseconds(100));

        Assert.Multiple(() =>
        {
            Assert.That(result.Adopted, Is.True, "the second attempt found the item the first one made");
            Assert.That(_inner.AllItems(), Has.Count.EqualTo(1));
            Assert.That(_stats.Recovered, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task In_a_run_one_item_that_keeps_failing_is_isolated_and_the_others_are_written()
    {
        var leading = new InMemoryLeadingSystem(_time, "Demo", "Europe/Berlin");
        var user = await leading.AddUserAsync("anna", "Anna", true, CancellationToken.None);
        var account = await leading.SaveAccountAsync(new SyncAccount { UserId = user.Id, PluginId = "memory", Enabled = true, Mode = SyncMode.TwoWay }, CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await leading.AddTodoAsync(new TodoDraft(user.Id, new CalendarItem { Kind = TodoKind.Appointment, Subject = $"A{i}", Start = Start.AddDays(i + 1), End = Start.AddDays(i + 1).AddHours(1) }), CancellationToken.None);
        }

        // The second create and all its retries fail; the others succeed.
        for (var n = 2; n <= 5; n++)
        {
            _inner.Faults.FailNth(TargetOperation.Create, n, () => Transient());
        }

        var target = TargetResilience.Wrap(_inner, new TargetRetryOptions { MaxRetries = 3, BaseDelay = TimeSpan.Zero, UseJitter = false }, _time, _stats);
        var engine = new SyncEngine(new SyncEngineOptions(), _time, NullLogger<SyncEngine>.Instance);
        var report = await engine.RunAsync(new SyncRunRequest(leading, account, target, new DefaultFieldMapper()), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(report.FatalError, Is.EqualTo(FatalErrorKind.None), report.ToSummary());
            Assert.That(report.Outcome, Is.EqualTo("partial"));
            Assert.That(report.Failed, Has.Count.EqualTo(1));
            Assert.That(report.CreatedOut, Is.EqualTo(2));
            Assert.That(_stats.Exhausted, Is.EqualTo(1));
        });

        var again = await engine.RunAsync(new SyncRunRequest(leading, account, target, new DefaultFieldMapper()), CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(again.CreatedOut, Is.EqualTo(1), "the next run writes the item that failed");
            Assert.That(_inner.AllItems(), Has.Count.EqualTo(3));
        });
    }

    /// <summary>Records the clock at each listing call and fails the first N.</summary>
    private sealed class RecordingTarget(ICalendarTarget inner, Action onCall, int failFirst) : ICalendarTarget
    {
        private int _calls;

        public TargetCapabilities Capabilities => inner.Capabilities;

        public Task<ChangeSet> GetChangesAsync(TodoKind kind, SyncCursor? cursor, DateRange window, CancellationToken cancellationToken)
        {
            onCall();
            return ++_calls <= failFirst ? Task.FromException<ChangeSet>(Transient()) : inner.GetChangesAsync(kind, cursor, window, cancellationToken);
        }

        public Task<IReadOnlyList<FetchedItem>> GetAsync(TodoKind kind, IReadOnlyList<string> ids, CancellationToken cancellationToken) => inner.GetAsync(kind, ids, cancellationToken);

        public Task<CreateResult> CreateAsync(TodoKind kind, string identity, CalendarItem item, CancellationToken cancellationToken) => inner.CreateAsync(kind, identity, item, cancellationToken);

        public Task<ExternalItemRef> UpdateAsync(TodoKind kind, ExternalItemRef item, CalendarItem content, CancellationToken cancellationToken) => inner.UpdateAsync(kind, item, content, cancellationToken);

        public Task DeleteAsync(TodoKind kind, ExternalItemRef item, CancellationToken cancellationToken) => inner.DeleteAsync(kind, item, cancellationToken);

        public Task<ConnectionTestReport> TestConnectionAsync(CancellationToken cancellationToken) => inner.TestConnectionAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
